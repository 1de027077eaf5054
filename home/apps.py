from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import signals

        signals.connect_image_signals()
        signals.connect_seo_audit_signals()
