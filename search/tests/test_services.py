"""Counting searches for the report and for popular searches."""

import datetime

import pytest
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import ZeroResultDailyHits
from search.services import search_record

DAY = datetime.date(2026, 3, 1)


@pytest.mark.django_db
def test_search_record_counts_hits_per_normalised_query_and_day():
    search_record(query_string="Chef Knife", result_count=3, date=DAY)
    search_record(query_string="  chef   knife ", result_count=3, date=DAY)
    search_record(query_string="chef knife", result_count=3, date=DAY + datetime.timedelta(days=1))

    query = Query.objects.get()
    assert query.query_string == "chef knife"
    assert list(
        QueryDailyHits.objects.filter(query=query).order_by("date").values_list("hits", flat=True)
    ) == [2, 1]
    assert not ZeroResultDailyHits.objects.exists()


@pytest.mark.django_db
def test_search_record_counts_searches_that_found_nothing():
    search_record(query_string="unobtainium", result_count=0, date=DAY)
    search_record(query_string="unobtainium", result_count=0, date=DAY)

    day = ZeroResultDailyHits.objects.get()
    assert (day.query.query_string, day.date, day.hits) == ("unobtainium", DAY, 2)


@pytest.mark.django_db
def test_search_record_ignores_an_empty_query():
    assert search_record(query_string="   ", result_count=0) is None
    assert not Query.objects.exists()
