"""The shop's one cache lifetime: how long anything built from content may be kept.

Pages, cards, menus, sitemap chunks, SEO counts, the product feed and API answers all
keep ``SHOP_CACHE_SECONDS``. Invalidation is by dependency (home.serving.content_cache), so the
lifetime is only the bound on how long a change lost while Redis blinked can linger.
The full-page cache reads ``PAGE_CACHE_SECONDS``, which defaults to the same value and
exists as its own switch (0 turns whole-page caching off, as the test settings do).
"""

from django.conf import settings


def cache_seconds() -> int:
    return settings.SHOP_CACHE_SECONDS
