"""Time passing changes prices: a sale or promotion starting or ending is not an edit, so nothing
else tells the caches. Each check looks for such a moment since the previous check."""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from home.serving.content_cache import bump_content_generation

from .promotions import forget_live_promotions

LAST_CHECK_KEY = "pricing:boundaries-checked"
# With no record of the last check (first run, cache flushed), look back this far.
FIRST_LOOK_BACK = timedelta(minutes=5)


def boundaries_between(since: datetime, until: datetime) -> bool:
    """Whether any sale or live promotion starts or ends in (since, until]."""
    from catalogue.models import ProductPage, Promotion

    def crossing(start: str, end: str) -> Q:
        return Q(**{f"{start}__gt": since, f"{start}__lte": until}) | Q(
            **{f"{end}__gt": since, f"{end}__lte": until}
        )

    return (
        ProductPage.objects.live().filter(crossing("sale_starts_at", "sale_ends_at")).exists()
        or Promotion.objects.filter(live=True).filter(crossing("starts_at", "ends_at")).exists()
    )


def prices_changed_since_last_check(now: datetime | None = None) -> bool:
    now = now or timezone.now()
    since = cache.get(LAST_CHECK_KEY) or now - FIRST_LOOK_BACK
    changed = boundaries_between(since, now)
    if changed:
        forget_live_promotions()
        bump_content_generation()
    cache.set(LAST_CHECK_KEY, now, timeout=None)
    return changed
