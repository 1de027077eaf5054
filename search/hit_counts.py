"""Search counts gathered in Redis (or, without it, in the process) and written to the database in batches.

Counting a search used to be four queries in a transaction (through a Celery task):
as much database work as the search itself. With Redis, a search is one ``HINCRBY``
on a hash field per query, day and outcome, and ``search_hits_flush`` (a Celery beat
task, every minute) adds the counts to Wagtail's ``QueryDailyHits`` and our
``ZeroResultDailyHits``, so the marketers' report is at most a minute behind.

Without Redis (development, the SQLite test run) the same fields are counted in the
process, and written after a response once the oldest is a minute old (and by any
``search_hits_flush``): a search page makes no query to be counted either way. Counts
still in a process that stops are lost, which only a site without Redis risks. If Redis
fails mid-request the search is recorded through Celery instead, as before.
"""

import datetime
import logging
import threading
from collections import Counter
from time import monotonic

from django.utils import timezone
from wagtail.search.utils import normalise_query_string

from home.redis_counters import counter_connection, counter_key
from search.services import search_record

logger = logging.getLogger(__name__)

HITS_HASH = "search-hits"
FOUND, NOTHING = "found", "none"
# Without Redis: how long counts wait in the process before a response writes them.
LOCAL_FLUSH_SECONDS = 60


class LocalHits:
    """The Redis hash's fields and counts, kept in this process where there is no Redis."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: Counter = Counter()
        self._since: float | None = None

    def add(self, field: str) -> None:
        with self._lock:
            if self._since is None:
                self._since = monotonic()
            self._counts[field] += 1

    def due(self) -> bool:
        since = self._since  # read without the lock: a late answer only delays the write
        return since is not None and monotonic() - since >= LOCAL_FLUSH_SECONDS

    def take(self) -> dict[str, int]:
        with self._lock:
            taken, self._counts, self._since = dict(self._counts), Counter(), None
        return taken


local_hits = LocalHits()


def hit_field(date: datetime.date, result_count: int, normalised: str) -> str:
    outcome = FOUND if result_count else NOTHING
    return f"{date.isoformat()}|{outcome}|{normalised}"


def search_hit_record(*, query_string: str, result_count: int, date: datetime.date) -> None:
    """Count one search for the query on the day, and whether it found anything."""
    from search.tasks import enqueue_search_record

    normalised = normalise_query_string(query_string)
    if not normalised:
        return
    field = hit_field(date, result_count, normalised)
    connection = counter_connection()
    if connection is None:
        local_hits.add(field)
        return
    try:
        connection.hincrby(counter_key(HITS_HASH), field, 1)
    except Exception:  # noqa: BLE001 - Redis being down must not lose the count
        logger.warning("Redis unavailable; recording the search through Celery")
        enqueue_search_record(query_string=query_string, result_count=result_count, date=date)


def search_hit_count(*, query_string: str, result_count: int) -> None:
    """Count one search today: from the search view, and from every hit of its cached page."""
    search_hit_record(query_string=query_string, result_count=result_count, date=timezone.now().date())


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


def _write(pending: dict[str, int]) -> None:
    for field, hits in pending.items():
        date, outcome, query_string = field.split("|", 2)
        search_record(
            query_string=query_string,
            result_count=1 if outcome == FOUND else 0,
            date=datetime.date.fromisoformat(date),
            hits=hits,
        )


def search_hits_flush() -> int:
    """Write the counted searches to the database; returns how many query-days were written."""
    pending = Counter(local_hits.take())
    connection = counter_connection()
    if connection is not None:
        pending.update(_take_pending(connection))
    _write(pending)
    return len(pending)


def flush_local_hits_when_due(**_kwargs) -> None:
    """After a response (``request_finished``): write the process's counts once the oldest is a minute old."""
    if local_hits.due():
        _write(local_hits.take())
