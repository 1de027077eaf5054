"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache

pytest_plugins = ["catalogue.tests.fixtures"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts and ends with an empty cache, whichever backend is configured."""
    from home.serving.content_cache import forget_pending

    cache.clear()
    yield
    cache.clear()
    # Every test's transaction is rolled back: what it meant to drop after a commit never will be.
    forget_pending()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
