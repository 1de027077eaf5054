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

from wagtail.search.utils import normalise_query_string

from home.redis_counters import counter_connection, counter_key
from search.services import search_record

logger = logging.getLogger(__name__)

HITS_HASH = "search-hits"
FOUND, NOTHING = "found", "none"


def search_hit_record(*, query_string: str, result_count: int, date: datetime.date) -> None:
    """Count one search for the query on the day, and whether it found anything."""
    from search.tasks import enqueue_search_record

    normalised = normalise_query_string(query_string)
    connection = counter_connection()
    if connection is None or not normalised:
        enqueue_search_record(query_string=query_string, result_count=result_count, date=date)
        return
    outcome = FOUND if result_count else NOTHING
    try:
        connection.hincrby(counter_key(HITS_HASH), f"{date.isoformat()}|{outcome}|{normalised}", 1)
    except Exception:  # noqa: BLE001 - Redis being down must not lose the count
        logger.warning("Redis unavailable; recording the search through Celery")
        enqueue_search_record(query_string=query_string, result_count=result_count, date=date)


def _take_pending(connection) -> dict[str, int]:
    # RENAME is atomic: searches counted from now on go to a fresh hash.
    hits_key = counter_key(HITS_HASH)
    batch_key = f"{hits_key}:flushing"
    if not connection.exists(hits_key):
        return {}
    connection.rename(hits_key, batch_key)
    pending = {field.decode(): int(count) for field, count in connection.hgetall(batch_key).items()}
    connection.delete(batch_key)
    return pending


def search_hits_flush() -> int:
    """Write the counted searches to the database; returns how many query-days were written."""
    connection = counter_connection()
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
