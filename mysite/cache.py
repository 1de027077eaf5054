"""The cache backend: django-redis, except that a failed ``get_many`` never hands out a shared dict.

With ``IGNORE_EXCEPTIONS`` on, django-redis answers every ``get_many`` that fails with
the same dict object, one per process. Whoever writes into it answers every later failed
lookup in that worker, Wagtail's rendition lookup among them: one outage, and pages fail
until the worker restarts. Our own code does not write into what the cache returned;
this keeps a third-party caller (or a future slip) from doing it either.
"""

from django_redis.cache import RedisCache as DjangoRedisCache


class RedisCache(DjangoRedisCache):
    def get_many(self, *args, **kwargs) -> dict:
        # A copy of the dict is cheap: it holds only the keys that were found.
        return dict(super().get_many(*args, **kwargs))
