from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.signals import request_finished

        from catalogue.rendition_specs import gallery_pictures
        from home.renditions import register_renditions
        from search import signals  # noqa: F401
        from search.hit_counts import flush_local_hits_when_due
        from search.selectors import SUGGESTION_THUMBNAIL

        # The search box's suggestions show each product's first picture as a thumbnail.
        register_renditions("search.suggestion_thumbnail", [SUGGESTION_THUMBNAIL], images=gallery_pictures)
        register_cache_dependencies()
        # Without Redis, searches are counted in the process and written after a response.
        request_finished.connect(flush_local_hits_when_due, dispatch_uid="search-local-hits")


def register_cache_dependencies() -> None:
    """Promotions show in cached search results; the daily zero-result counts only in admin reports."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from home.serving import cache_dependencies

    def search_results(row) -> set[str]:
        return {cache_dependencies.namespace_tag("search")}

    cache_dependencies.track(SearchPromotion, search_results)
    cache_dependencies.leave_untracked(
        Query._meta.label, "created by every new search; shows nothing until a promotion (tracked) names it"
    )
    cache_dependencies.leave_untracked(
        "search.ZeroResultDailyHits", "search statistics, shown only in the admin"
    )
