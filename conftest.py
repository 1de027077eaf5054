"""Fixtures shared by every app's tests."""

import json

import pytest
from django.core.cache import cache

pytest_plugins = ["catalogue.tests.fixtures"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts and ends with an empty cache, whichever backend is configured,
    and without the promotions this process remembers from the test before."""
    from catalogue.pricing.promotions import forget_live_promotions
    from home.serving.content_cache import forget_pending

    cache.clear()
    forget_live_promotions()
    yield
    cache.clear()
    # Every test's transaction is rolled back: what it meant to drop after a commit never will be.
    forget_pending()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def _restorable_database(django_db_setup, django_db_blocker):
    """A test database that ``serialized_rollback`` can restore the migrations' rows into.

    The restore inserts rows under their original keys. After a transactional
    test without serialized rollback (catalogue's stock race, say), post_migrate
    has recreated the content types under new keys, and the restore collides
    with them. So the database is flushed (as that test's teardown did, minus
    post_migrate) and the original content types are put back first: signal
    handlers that run during the restore (the search index's, for one) look
    content types up and would otherwise create them under new keys.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            snapshot = getattr(connections[alias], "_test_serialized_contents", None)
            if snapshot is None:
                continue
            # Sequences stay where they are, so new rows never take a restored row's key.
            call_command(
                "flush",
                database=alias,
                interactive=False,
                verbosity=0,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            # Only content type records are even built: building a page would
            # look its content type up, and create it.
            content_types = [
                row for row in json.loads(snapshot) if row["model"] == "contenttypes.contenttype"
            ]
            for record in serializers.deserialize("python", content_types, using=alias):
                record.save(using=alias)
    # The cache may still hold the recreated content types' keys.
    ContentType.objects.clear_cache()
