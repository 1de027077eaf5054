"""Background work for the site's content: scheduled publishing, and purging the CDN after changes."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled() -> None:
    """Publish revisions whose go-live time has passed and unpublish pages past their expiry.

    Celery beat runs this every minute (CELERY_BEAT_SCHEDULE), so a schedule set
    in the admin is carried out within a minute of its time.
    """
    call_command("publish_scheduled")


# A CDN that does not answer must not hold a worker for ever (Wagtail's HTTP backend
# sets no timeout of its own).
@shared_task(ignore_result=True, soft_time_limit=60, time_limit=90)
def purge_frontend_cache(urls: list[str]) -> None:
    """Purge these URLs from every configured CDN or caching proxy (home.serving.frontend_purge)."""
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)


@shared_task(ignore_result=True)
def refresh_seo_audit() -> None:
    """Re-measure the whole site for the SEO audit: signals keep it fresh, this catches bulk writes."""
    from home.seo.audit import measure_everything

    measure_everything()


@shared_task(ignore_result=True)
def make_renditions(image_ids: list[int]) -> None:
    """Make the renditions pages will show of these images (home.renditions), so no shopper waits for them."""
    from home.renditions import renditions_create

    renditions_create(image_ids=image_ids)
