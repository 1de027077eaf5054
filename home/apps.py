from django.apps import AppConfig
from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig


class HomeConfig(AppConfig):
    default = True  # this module holds a second AppConfig (below); "home" in INSTALLED_APPS means this one
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home import signals

        signals.connect_cache_dependencies()
        signals.connect_seo_audit_signals()

        from home import rendition_specs, renditions

        renditions.connect_rendition_signals()
        rendition_specs.register()


class FrontendCacheConfig(WagtailFrontendCacheAppConfig):
    """wagtail.contrib.frontend_cache without its publish handlers, which purge inside the transaction.

    ``home.serving.frontend_purge`` purges the page and everything showing it once, after the commit.
    """

    def ready(self):
        pass
