from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue import invalidation, rendition_specs, signals  # noqa: F401

        invalidation.register()
        rendition_specs.register()
