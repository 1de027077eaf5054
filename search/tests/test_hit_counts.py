"""Counting searches in Redis and writing them to the database in batches."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query

from search import hit_counts
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
def test_without_redis_searches_are_counted_in_the_process_until_the_flush(
    settings, django_assert_num_queries
):
    settings.REDIS_URL = ""
    with django_assert_num_queries(0):
        search_hit_record(query_string="Teapot", result_count=1, date=DAY)
        search_hit_record(query_string="teapot ", result_count=1, date=DAY)
        search_hit_record(query_string="samovar", result_count=0, date=DAY)
    assert not Query.objects.exists()

    assert search_hits_flush() == 2
    assert Query.objects.get(query_string="teapot").daily_hits.get(date=DAY).hits == 2
    assert ZeroResultDailyHits.objects.get(query__query_string="samovar", date=DAY).hits == 1
    assert search_hits_flush() == 0


@pytest.mark.django_db
def test_without_redis_a_response_writes_the_counts_once_the_oldest_is_a_minute_old(
    client, settings, monkeypatch
):
    settings.REDIS_URL = ""
    clock = [1000.0]
    monkeypatch.setattr(hit_counts, "monotonic", lambda: clock[0])
    search_hit_record(query_string="kettle", result_count=1, date=DAY)

    client.get(reverse("search"))  # a response before the minute is up writes nothing
    assert not Query.objects.exists()

    clock[0] += hit_counts.LOCAL_FLUSH_SECONDS
    client.get(reverse("search"))  # the next one after it does, once the response is sent
    assert Query.objects.get(query_string="kettle").daily_hits.get(date=DAY).hits == 1
    assert search_hits_flush() == 0
