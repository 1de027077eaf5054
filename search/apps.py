from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalogue.rendition_specs import gallery_pictures
        from home.renditions import register_renditions
        from search import signals  # noqa: F401
        from search.selectors import SUGGESTION_THUMBNAIL

        # The search box's suggestions show each product's first picture as a thumbnail.
        register_renditions("search.suggestion_thumbnail", [SUGGESTION_THUMBNAIL], images=gallery_pictures)
