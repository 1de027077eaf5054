"""Product views: held briefly per process, sent to Redis in batches, flushed to the database."""

import pytest
from django.conf import settings

from catalogue.models import ProductPage
from catalogue.services import view_counts
from catalogue.tests.fixtures import add_product
from home.redis_counters import counter_connection, counter_key

needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="batched view counts need Redis (REDIS_URL)")


@pytest.fixture(autouse=True)
def nothing_held():
    view_counts.view_counts_flush()
    yield
    view_counts.view_counts_flush()


@needs_redis
@pytest.mark.django_db
def test_views_are_held_in_the_process_then_sent_to_redis_in_one_batch(knives, monkeypatch):
    monkeypatch.setattr(view_counts, "PUSH_EVERY_VIEWS", 3)
    monkeypatch.setattr(view_counts, "PUSH_EVERY_SECONDS", 3600)
    product = add_product(knives, image=False)
    redis = counter_connection()

    view_counts.view_record(product_id=product.pk)
    view_counts.view_record(product_id=product.pk)
    assert redis.hget(counter_key(view_counts.VIEWS_HASH), product.pk) is None
    assert view_counts.pending_views(product.pk) == 2

    view_counts.view_record(product_id=product.pk)
    assert int(redis.hget(counter_key(view_counts.VIEWS_HASH), product.pk)) == 3


@needs_redis
@pytest.mark.django_db
def test_held_views_are_sent_after_a_few_seconds_even_when_quiet(knives, monkeypatch):
    monkeypatch.setattr(view_counts, "PUSH_EVERY_VIEWS", 1000)
    monkeypatch.setattr(view_counts, "PUSH_EVERY_SECONDS", 0)
    product = add_product(knives, image=False)
    view_counts.view_record(product_id=product.pk)
    assert int(counter_connection().hget(counter_key(view_counts.VIEWS_HASH), product.pk)) == 1


@pytest.mark.django_db
def test_the_flush_adds_every_view_including_those_still_held(knives, monkeypatch):
    monkeypatch.setattr(view_counts, "PUSH_EVERY_VIEWS", 1000)
    monkeypatch.setattr(view_counts, "PUSH_EVERY_SECONDS", 3600)
    product = add_product(knives, image=False)
    for _ in range(4):
        view_counts.view_record(product_id=product.pk)
    assert view_counts.view_counts_flush() == 1
    assert ProductPage.objects.get(pk=product.pk).view_count == 4
    assert view_counts.pending_views(product.pk) == 0
