"""Raw Redis counters carry the cache's key prefix, so shops sharing a Redis keep their own counts."""

import datetime

import pytest
from django.conf import settings

from catalogue.services import view_counts
from catalogue.tests.fixtures import add_product
from home.redis_counters import counter_connection, counter_key
from search.hit_counts import HITS_HASH, search_hit_record

needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="raw counters need Redis (REDIS_URL)")


def test_counter_keys_carry_the_cache_key_prefix(settings):
    assert counter_key("product-views").startswith(f"{settings.CACHES['default']['KEY_PREFIX']}:")


@needs_redis
@pytest.mark.django_db
def test_views_counted_under_another_prefix_are_not_this_shops(knives, monkeypatch, settings):
    view_counts.view_counts_flush()  # views this process still holds from earlier tests
    # A prefix of this test's own: another xdist worker's flush must not take its views.
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "KEY_PREFIX": "counters-test"},
    }
    monkeypatch.setattr(view_counts, "PUSH_EVERY_VIEWS", 1)
    product = add_product(knives, image=False)
    redis = counter_connection()
    other_shop = f"other-shop:1:{view_counts.VIEWS_HASH}"
    redis.hincrby(other_shop, product.pk, 7)
    try:
        view_counts.view_record(product_id=product.pk)
        assert view_counts.pending_views(product.pk) == 1
        assert view_counts.view_counts_flush() == 1
        product.refresh_from_db()
        assert product.view_count == 1
        assert int(redis.hget(other_shop, product.pk)) == 7
        assert redis.exists(view_counts.VIEWS_HASH) == 0  # nothing under the bare name
    finally:
        redis.delete(other_shop)


@needs_redis
@pytest.mark.django_db
def test_search_hits_go_under_the_prefixed_key():
    redis = counter_connection()
    search_hit_record(query_string="wok", result_count=1, date=datetime.date(2026, 11, 2))
    try:
        assert redis.hlen(counter_key(HITS_HASH)) == 1
        assert redis.exists(HITS_HASH) == 0
    finally:
        redis.delete(counter_key(HITS_HASH))
