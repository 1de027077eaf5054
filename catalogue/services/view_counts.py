"""Product view counts: counted in Redis on every view, written to the database in batches.

A page view must not write to the database (cached pages would lose their
point), so views accumulate in a Redis hash and `view_counts_flush` (a Celery
beat task) adds them to `ProductPage.view_count` with one UPDATE per product.
Without Redis (development, tests) a process-local counter stands in.
"""

import logging
import threading
from collections import Counter

from django.conf import settings
from django.db.models import F

from catalogue.models import ProductPage

logger = logging.getLogger(__name__)

VIEWS_HASH = "product-views"
_local_counts: Counter = Counter()
_local_lock = threading.Lock()


def _redis():
    if not settings.REDIS_URL:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def view_record(*, product_id: int) -> None:
    connection = _redis()
    if connection is None:
        with _local_lock:
            _local_counts[product_id] += 1
        return
    try:
        connection.hincrby(VIEWS_HASH, product_id, 1)
    except Exception:  # noqa: BLE001 - a lost view count must never fail a page view
        logger.warning("Could not count a view of product %s (Redis unavailable)", product_id)


def _take_pending() -> dict[int, int]:
    connection = _redis()
    if connection is None:
        with _local_lock:
            pending = dict(_local_counts)
            _local_counts.clear()
        return pending
    # RENAME is atomic: views counted from now on go to a fresh hash.
    batch_key = f"{VIEWS_HASH}:flushing"
    if not connection.exists(VIEWS_HASH):
        return {}
    connection.rename(VIEWS_HASH, batch_key)
    pending = {int(k): int(v) for k, v in connection.hgetall(batch_key).items()}
    connection.delete(batch_key)
    return pending


def view_counts_flush() -> int:
    """Add pending views to the products; returns how many products were updated."""
    pending = _take_pending()
    for product_id, views in pending.items():
        ProductPage.objects.filter(pk=product_id).update(view_count=F("view_count") + views)
    return len(pending)


def pending_views(product_id: int) -> int:
    connection = _redis()
    if connection is None:
        with _local_lock:
            return _local_counts.get(product_id, 0)
    value = connection.hget(VIEWS_HASH, product_id)
    return int(value) if value else 0
