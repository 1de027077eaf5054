"""Writes for site search: the query statistics behind the marketers' report and popular searches."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from search.models import ZeroResultDailyHits


@transaction.atomic
def search_record(*, query_string: str, result_count: int, date: datetime.date | None = None) -> Query | None:
    """Count one search for the query on the day, and one empty-handed search if nothing was found.

    Wagtail normalises the string (case, spaces, length), so "Knife" and " knife" are one
    query, the same one a promotion is attached to. Days are UTC dates, as in ``Query.add_hit``.
    """
    if not query_string.strip():
        return None
    date = date or timezone.now().date()
    query = Query.get(query_string)
    query.add_hit(date=date)
    if result_count == 0:
        day, _created = ZeroResultDailyHits.objects.get_or_create(query=query, date=date)
        ZeroResultDailyHits.objects.filter(pk=day.pk).update(hits=F("hits") + 1)
    return query
