"""Writes for site search: the query statistics behind the marketers' report and popular searches."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import ZeroResultDailyHits


@transaction.atomic
def search_record(
    *, query_string: str, result_count: int, date: datetime.date | None = None, hits: int = 1
) -> Query | None:
    """Count ``hits`` searches for the query on the day, and as many empty-handed ones if nothing was found.

    Wagtail normalises the string (case, spaces, length), so "Knife" and " knife" are one
    query, the same one a promotion is attached to. Days are UTC dates, as in ``Query.add_hit``.
    """
    if not query_string.strip():
        return None
    date = date or timezone.now().date()
    query = Query.get(query_string)
    day, _created = QueryDailyHits.objects.get_or_create(query=query, date=date)
    QueryDailyHits.objects.filter(pk=day.pk).update(hits=F("hits") + hits)
    if result_count == 0:
        day, _created = ZeroResultDailyHits.objects.get_or_create(query=query, date=date)
        ZeroResultDailyHits.objects.filter(pk=day.pk).update(hits=F("hits") + hits)
    return query
