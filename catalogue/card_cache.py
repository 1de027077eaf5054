"""Rendered product cards, cached per product beneath the full-page cache.

The page cache serves whole pages to anonymous visitors only. Search results, pages for
signed-in shoppers and the first render after a change are built per request, and their
cards are the costly part of the template. Each card is kept once, with the visitor's
CSRF token and the add-to-cart form's return address cut out, and both are put back per
request, so a cached card never carries another visitor's token.

Everything a card shows (title, price, stock, rating, brand, image) belongs to the
product's ``page:<id>`` tag (home.serving.cache_dependencies): publishing it, a visible stock
movement, a review, its brand or picture changing deletes its cards and nothing else's.
A page showing cards records their tags too, so it goes with them.
"""

from collections.abc import Callable, Iterable, Sequence

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from home.serving.cache_dependencies import depend_on, page_tag
from home.serving.cache_policy import cache_seconds
from home.serving.content_cache import CLOCK_KEY, clock_value, generation_key, store_tagged

CARD_TEMPLATE = "includes/product_card.html"
CSRF_PLACEHOLDER = "__CARD_CSRF__"
NEXT_PLACEHOLDER = "__CARD_NEXT__"


def _render_card(product, request) -> str:
    # The request only makes {% pageurl %} links relative to the visitor's site; cards are
    # kept per site, and every personal part is a placeholder.
    context = {"product": product, "csrf_token": CSRF_PLACEHOLDER, "next_url": NEXT_PLACEHOLDER}
    return render_to_string(CARD_TEMPLATE, {**context, "request": request})


class CardList(Sequence):
    """Products known by id whose rows are loaded only when something needs more than cached cards.

    ``render_cards`` loads just the products whose cards are not cached; anything else
    that iterates the list loads them all, once.
    """

    def __init__(self, ids: Iterable[int], load: Callable[[list[int]], list]):
        self.ids = list(ids)
        self.load = load
        self._products = None

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if self._products is None:
            self._products = self.load(self.ids)
        return self._products[index]


def render_cards(products, request) -> SafeString:
    """One ``<li>`` per product, from the cache where possible; two cache round trips when all are cached."""
    lazy = isinstance(products, CardList)
    ids = products.ids if lazy else [product.pk for product in products]
    by_id = {} if lazy else {product.pk: product for product in products}
    site = Site.find_for_request(request) if request is not None else None
    prefix = generation_key("card", site.pk if site else "-")
    keys = {pk: f"{prefix}:{pk}" for pk in ids}
    depend_on(request, *(page_tag(pk) for pk in ids))
    found = cache.get_many([CLOCK_KEY, *keys.values()]) if keys else {}
    cached = {key: value for key, value in found.items() if key != CLOCK_KEY}
    missing = [pk for pk in ids if keys[pk] not in cached]
    if missing and lazy:
        by_id.update((product.pk, product) for product in products.load(missing))
    fresh = {keys[pk]: _render_card(by_id[pk], request) for pk in missing if pk in by_id}
    if fresh:
        tags = {keys[pk]: {page_tag(pk)} for pk in missing if pk in by_id}
        store_tagged(fresh, tags, clock_value(found), cache_seconds())
    # A new dict, never the one get_many returned: with Redis down, django-redis hands
    # every caller the same empty dict, and cards written into it would answer later
    # lookups of other keys (Wagtail's renditions among them).
    cards = {**cached, **fresh}
    html = "".join(f"<li>{cards[keys[pk]]}</li>" for pk in ids if keys[pk] in cards)
    if request is not None:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
        html = html.replace(NEXT_PLACEHOLDER, escape(request.get_full_path()))
    return mark_safe(html)  # noqa: S308 - rendered by the template engine; substitutions are escaped
