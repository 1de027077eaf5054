"""Product view counts: counted in Redis on every view, written to the database in batches.

A page view must not write to the database (cached pages would lose their
point), so views accumulate in a Redis hash and `view_counts_flush` (a Celery
beat task) adds them to `ProductPage.view_count` with one UPDATE per product.
Without Redis (development, tests) a process-local counter stands in.

Each web process also holds its views back briefly and sends them to Redis in one
pipeline every ``PUSH_EVERY_VIEWS`` views or ``PUSH_EVERY_SECONDS`` seconds: a cached
product page then costs no Redis round trip of its own for counting. A worker that
stops sends what it holds (gunicorn's ``worker_exit`` hook); one killed outright loses
at most that many views.
"""

import logging
import threading
import time
from collections import Counter

from django.db.models import F

from catalogue.models import ProductPage
from home.redis_counters import counter_connection, counter_key, counters_in_redis

logger = logging.getLogger(__name__)

VIEWS_HASH = "product-views"
PUSH_EVERY_VIEWS = 50
PUSH_EVERY_SECONDS = 5.0
_local_counts: Counter = Counter()
_local_lock = threading.Lock()
_held_views: Counter = Counter()
_held_since = time.monotonic()


def view_record(*, product_id: int) -> None:
    # Only whether Redis is there: a cached product page should not pay for a connection lookup.
    if not counters_in_redis():
        with _local_lock:
            _local_counts[product_id] += 1
        return
    with _local_lock:
        _held_views[product_id] += 1
        due = (
            sum(_held_views.values()) >= PUSH_EVERY_VIEWS
            or time.monotonic() - _held_since >= PUSH_EVERY_SECONDS
        )
    if due:
        view_counts_push()


def view_counts_push() -> None:
    """Send the views this process holds to Redis, in one pipeline."""
    global _held_since
    with _local_lock:
        held = dict(_held_views)
        _held_views.clear()
        _held_since = time.monotonic()
    connection = counter_connection()
    if not held or connection is None:
        return
    try:
        pipeline = connection.pipeline(transaction=False)
        for product_id, views in held.items():
            pipeline.hincrby(counter_key(VIEWS_HASH), product_id, views)
        pipeline.execute()
    except Exception:  # noqa: BLE001 - a lost view count must never fail a page view
        logger.warning("Could not count %d product views (Redis unavailable)", sum(held.values()))


def _take_pending() -> dict[int, int]:
    connection = counter_connection()
    if connection is None:
        with _local_lock:
            pending = dict(_local_counts)
            _local_counts.clear()
        return pending
    # RENAME is atomic: views counted from now on go to a fresh hash.
    views_key = counter_key(VIEWS_HASH)
    batch_key = f"{views_key}:flushing"
    if not connection.exists(views_key):
        return {}
    connection.rename(views_key, batch_key)
    pending = {int(k): int(v) for k, v in connection.hgetall(batch_key).items()}
    connection.delete(batch_key)
    return pending


def view_counts_flush() -> int:
    """Add pending views to the products; returns how many products were updated."""
    view_counts_push()  # this process's own held views (the others push on their own)
    pending = _take_pending()
    for product_id, views in pending.items():
        ProductPage.objects.filter(pk=product_id).update(view_count=F("view_count") + views)
    return len(pending)


def pending_views(product_id: int) -> int:
    connection = counter_connection()
    if connection is None:
        with _local_lock:
            return _local_counts.get(product_id, 0)
    value = connection.hget(counter_key(VIEWS_HASH), product_id)
    with _local_lock:
        held = _held_views.get(product_id, 0)
    return (int(value) if value else 0) + held
