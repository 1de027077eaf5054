"""Background work for the site's content: carrying out scheduled publishing."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled() -> None:
    """Publish revisions whose go-live time has passed and unpublish pages past their expiry.

    Celery beat runs this every minute (CELERY_BEAT_SCHEDULE), so a schedule set
    in the admin is carried out within a minute of its time.
    """
    call_command("publish_scheduled")
