"""Counting searches in Redis and writing them to the database in batches."""

import datetime

import pytest
from django.conf import settings
from wagtail.contrib.search_promotions.models import Query

from search.hit_counts import search_hit_record, search_hits_flush
from search.models import ZeroResultDailyHits

DAY = datetime.date(2026, 11, 2)
needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="batched counting needs Redis (REDIS_URL)")


@needs_redis
@pytest.mark.django_db
def test_searches_are_counted_without_touching_the_database_until_the_flush(django_assert_num_queries):
    with django_assert_num_queries(0):
        for text in ("Chef Knife", " chef  knife", "unobtainium", "unobtainium"):
            search_hit_record(query_string=text, result_count=0 if text == "unobtainium" else 3, date=DAY)
    assert not Query.objects.exists()

    assert search_hits_flush() == 2
    assert Query.objects.get(query_string="chef knife").daily_hits.get(date=DAY).hits == 2
    unfound = Query.objects.get(query_string="unobtainium")
    assert unfound.daily_hits.get(date=DAY).hits == 2
    assert ZeroResultDailyHits.objects.get(query=unfound, date=DAY).hits == 2
    assert not ZeroResultDailyHits.objects.filter(query__query_string="chef knife").exists()


@needs_redis
@pytest.mark.django_db
def test_a_second_flush_adds_only_what_came_since():
    search_hit_record(query_string="wok", result_count=1, date=DAY)
    search_hits_flush()
    search_hit_record(query_string="wok", result_count=1, date=DAY)
    assert search_hits_flush() == 1
    assert search_hits_flush() == 0
    assert Query.objects.get(query_string="wok").daily_hits.get(date=DAY).hits == 2


@pytest.mark.django_db
def test_without_redis_each_search_is_recorded_at_once(settings):
    settings.REDIS_URL = ""
    search_hit_record(query_string="teapot", result_count=1, date=DAY)
    assert Query.objects.get(query_string="teapot").daily_hits.get(date=DAY).hits == 1
    assert search_hits_flush() == 0
