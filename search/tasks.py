"""Background work for search: keeping the index fresh and counting searches, through Celery.

Both are queued rather than done in the request when a worker runs (REDIS_URL set);
without a broker Celery runs them eagerly. If the broker is down they run in the
request instead, with a warning: a stale index or a lost statistic is worse than a
slower response.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, transaction
from kombu.exceptions import OperationalError as BrokerError
from wagtail.models import Page
from wagtail.search.index import class_is_indexed

from home.serving.cache_dependencies import namespace_tag
from home.serving.content_cache import invalidate
from search.indexing import update_search_index
from search.services import search_record

logger = logging.getLogger(__name__)

REINDEX_CHUNK_SIZE = 200


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def reindex_pages(page_ids: list[int]) -> int:
    """Index the pages again as they now are in the database, each as its own page type."""
    by_type: dict[int, list[int]] = defaultdict(list)
    for pk, content_type_id in Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type_id"):
        by_type[content_type_id].append(pk)
    indexed = 0
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not class_is_indexed(model):
            continue
        for start in range(0, len(pks), REINDEX_CHUNK_SIZE):
            update_search_index(model, pks[start : start + REINDEX_CHUNK_SIZE])
        indexed += len(pks)
    if indexed:
        # Searches cached since the publish saw the old index entries; pages are not affected.
        invalidate({namespace_tag("search")})
    return indexed


def enqueue_reindex(page_ids: Iterable[int]) -> None:
    """Reindex the pages once the current transaction commits (at once outside a transaction).

    After the commit, a page's child relations (its tags) are saved and visible to the
    worker; Wagtail's own index update runs earlier, inside ``save()``, before them.
    """
    ids = sorted(set(page_ids))
    if not ids:
        return

    def send():
        try:
            reindex_pages.delay(ids)
        except BrokerError:
            logger.warning("Broker unavailable; reindexing %d page(s) in the request", len(ids))
            reindex_pages(ids)

    transaction.on_commit(send)


@shared_task(ignore_result=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def record_search(query_string: str, result_count: int, date: str) -> None:
    search_record(
        query_string=query_string, result_count=result_count, date=datetime.date.fromisoformat(date)
    )


def enqueue_search_record(*, query_string: str, result_count: int, date: datetime.date) -> None:
    """Count the search in the background; the shopper's page never waits on the statistics."""
    try:
        record_search.delay(query_string, result_count, date.isoformat())
    except BrokerError:
        logger.warning("Broker unavailable; recording the search in the request")
        search_record(query_string=query_string, result_count=result_count, date=date)


@shared_task(ignore_result=True)
def flush_search_hits() -> int:
    from search.hit_counts import search_hits_flush

    return search_hits_flush()
