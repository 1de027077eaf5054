"""The cache backend keeps a failed lookup's answer to itself."""

from django_redis.cache import RedisCache as DjangoRedisCache

from mysite.cache import RedisCache
from mysite.tests.conftest import UNREACHABLE_REDIS


def dead_cache(backend):
    # Nothing listens on port 1: every connection is refused at once.
    return backend(UNREACHABLE_REDIS["default"]["LOCATION"], UNREACHABLE_REDIS["default"])


def test_a_failed_get_many_answers_with_a_dict_no_other_lookup_shares():
    cache = dead_cache(RedisCache)
    first = cache.get_many(["card:1"])
    first["card:1"] = "<li>card</li>"

    assert cache.get_many(["renditions:1"]) == {}
    # django-redis itself shares one dict between failed lookups: what this backend is for.
    shared = dead_cache(DjangoRedisCache).get_many(["any"])
    assert shared is dead_cache(DjangoRedisCache).get_many(["other"])
    assert shared == {}
