"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache

pytest_plugins = ["catalogue.tests.fixtures"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts and ends with an empty cache, whichever backend is configured,
    and without the promotions this process remembers from the test before."""
    from catalogue.pricing.promotions import forget_live_promotions

    cache.clear()
    forget_live_promotions()
    yield
    cache.clear()
    forget_live_promotions()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
