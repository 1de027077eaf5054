from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "catalogue"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue import invalidation, rendition_specs, signals  # noqa: F401
        from catalogue.pricing.promotions import ride_with_the_site
        from home.serving.site_reads import ride_with_site

        invalidation.register()
        rendition_specs.register()
        # A cold page reads the live promotions in its site query, not in one of their own.
        ride_with_site("promotions", ride_with_the_site)
