import logging
import time

from django_redis.cache import RedisCache

from mysite.log_filters import OncePerInterval


def _dead_redis_cache() -> RedisCache:
    # Port 1 on loopback: nothing listens, so every call fails at once and is ignored.
    return RedisCache(
        "redis://127.0.0.1:1/0",
        {"OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2}},
    )


def test_django_redis_errors_are_logged_once_a_minute_by_the_settings():
    # Any test that configures logging again adds the filter once more; one is enough to count.
    filters = logging.getLogger("django_redis.cache").filters
    assert any(isinstance(f, OncePerInterval) and f.seconds == 60 for f in filters)


def test_an_outage_logs_one_line_per_interval_and_counts_the_rest(caplog, settings):
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    cache = _dead_redis_cache()
    # A short interval of our own in place of the settings' minute, which an earlier
    # test in this process may already have started.
    configured, cache.logger.filters = cache.logger.filters, [OncePerInterval(seconds=0.3)]
    try:
        with caplog.at_level(logging.ERROR, logger="django_redis.cache"):
            for _ in range(20):
                assert cache.get("anything") is None
            time.sleep(0.35)
            cache.get("anything")
    finally:
        cache.logger.filters = configured
    lines = [r.getMessage() for r in caplog.records if r.name == "django_redis.cache"]
    assert len(lines) == 2, lines
    assert "19 more like it" in lines[1]
