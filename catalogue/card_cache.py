"""Rendered product cards, cached per content generation beneath the full-page cache.

The page cache serves whole pages to anonymous visitors only. Search results, pages for
signed-in shoppers and the first render after a change are built per request, and their
cards are the costly part of the template. Each card is kept once, with the visitor's
CSRF token and the add-to-cart form's return address cut out, and both are put back per
request, so a cached card never carries another visitor's token.

Everything a card shows (title, price, stock, rating, brand, image) changes only through
publishing, stock movements, reviews or brand edits, and each of those starts a new
content generation (home.content_cache), which the keys carry.
"""

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from home.content_cache import generation_key

CARD_TEMPLATE = "includes/product_card.html"
CSRF_PLACEHOLDER = "__CARD_CSRF__"
NEXT_PLACEHOLDER = "__CARD_NEXT__"
CARD_CACHE_SECONDS = 60 * 60


def _render_card(product) -> str:
    return render_to_string(
        CARD_TEMPLATE, {"product": product, "csrf_token": CSRF_PLACEHOLDER, "next_url": NEXT_PLACEHOLDER}
    )


def render_cards(products, request) -> SafeString:
    """One ``<li>`` per product, from the cache where possible; two cache round trips in all."""
    products = list(products)
    prefix = generation_key("card")
    keys = {product.pk: f"{prefix}:{product.pk}" for product in products}
    cached = cache.get_many(list(keys.values())) if keys else {}
    fresh = {}
    for product in products:
        if keys[product.pk] not in cached:
            fresh[keys[product.pk]] = _render_card(product)
    if fresh:
        cache.set_many(fresh, CARD_CACHE_SECONDS)
    cards = {**cached, **fresh}
    html = "".join(f"<li>{cards[keys[product.pk]]}</li>" for product in products)
    if request is not None:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
        html = html.replace(NEXT_PLACEHOLDER, escape(request.get_full_path()))
    return mark_safe(html)  # noqa: S308 - rendered by the template engine; substitutions are escaped
