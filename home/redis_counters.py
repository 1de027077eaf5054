"""Raw Redis counters (product views, search hits), kept under the cache's own key prefix.

The counters use Redis hashes directly (HINCRBY, an atomic RENAME before a flush),
which Django's cache API does not offer, so they talk to django-redis's connection.
``counter_key`` still runs each name through the cache's key function, so two shops
sharing one Redis, each with its own ``CACHE_KEY_PREFIX``, never mix their counts.
"""

from django.conf import settings
from django.core.cache import caches


def counters_in_redis() -> bool:
    """Whether the counters live in Redis: ``counter_connection`` returns one (no lookup made)."""
    return bool(settings.REDIS_URL)


def counter_connection():
    """The default cache's Redis connection, or None where the site runs without Redis."""
    if not counters_in_redis():
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def counter_key(name: str) -> str:
    """``name`` as the default cache stores it: with its key prefix and version."""
    return caches["default"].make_key(name)
