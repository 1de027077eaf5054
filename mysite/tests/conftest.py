"""Fixtures for the operations tests."""

import pytest
from django.core.cache import caches
from django_redis.cache import RedisCache

# Nothing listens on port 1, so every connection is refused at once.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.2,
            "SOCKET_TIMEOUT": 0.2,
        },
    }
}


@pytest.fixture
def unreachable_redis(settings):
    """The cache points at a Redis that is down; the setting_changed signal rebuilds the handlers."""
    settings.CACHES = UNREACHABLE_REDIS
    assert isinstance(caches["default"], RedisCache)
    return caches["default"]
