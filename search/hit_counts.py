"""Search counts gathered in Redis and written to the database in batches.

Counting a search used to be four queries in a transaction (through a Celery task):
as much database work as the search itself. With Redis, a search is one ``HINCRBY``
on a hash field per query, day and outcome, and ``search_hits_flush`` (a Celery beat
task, every minute) adds the counts to Wagtail's ``QueryDailyHits`` and our
``ZeroResultDailyHits``, so the marketers' report is at most a minute behind.

Without Redis (development, the SQLite test run) each search is recorded as before,
and if Redis fails mid-request the search falls back to that path too.
"""

import datetime
import logging

from django.conf import settings
from wagtail.search.utils import normalise_query_string

from search.services import search_record

logger = logging.getLogger(__name__)

HITS_HASH = "search-hits"
FOUND, NOTHING = "found", "none"


def _redis():
    if not settings.REDIS_URL:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def search_hit_record(*, query_string: str, result_count: int, date: datetime.date) -> None:
    """Count one search for the query on the day, and whether it found anything."""
    from search.tasks import enqueue_search_record

    normalised = normalise_query_string(query_string)
    connection = _redis()
    if connection is None or not normalised:
        enqueue_search_record(query_string=query_string, result_count=result_count, date=date)
        return
    outcome = FOUND if result_count else NOTHING
    try:
        connection.hincrby(HITS_HASH, f"{date.isoformat()}|{outcome}|{normalised}", 1)
    except Exception:  # noqa: BLE001 - Redis being down must not lose the count
        logger.warning("Redis unavailable; recording the search through Celery")
        enqueue_search_record(query_string=query_string, result_count=result_count, date=date)


def _take_pending(connection) -> dict[str, int]:
    # RENAME is atomic: searches counted from now on go to a fresh hash.
    batch_key = f"{HITS_HASH}:flushing"
    if not connection.exists(HITS_HASH):
        return {}
    connection.rename(HITS_HASH, batch_key)
    pending = {field.decode(): int(count) for field, count in connection.hgetall(batch_key).items()}
    connection.delete(batch_key)
    return pending


def search_hits_flush() -> int:
    """Write the counted searches to the database; returns how many query-days were written."""
    connection = _redis()
    if connection is None:
        return 0
    pending = _take_pending(connection)
    for field, hits in pending.items():
        date, outcome, query_string = field.split("|", 2)
        search_record(
            query_string=query_string,
            result_count=1 if outcome == FOUND else 0,
            date=datetime.date.fromisoformat(date),
            hits=hits,
        )
    return len(pending)
