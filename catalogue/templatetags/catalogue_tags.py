"""Presentation helpers for prices, stock and ratings; no business rules here."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.html import format_html

from home.money import format_money

register = template.Library()

STOCK_LABELS = {
    "in_stock": ("In stock", "stock-in", "badge--success"),
    "low_stock": ("Only {stock} left", "stock-low", "badge--low"),
    "out_of_stock": ("Sold out", "stock-out", "badge--soldout"),
}


@register.simple_tag
def money(amount: Decimal | None, currency: str | None = None) -> str:
    """The shop's one money format (home.money); an order passes its own currency."""
    return format_money(amount, currency)


@register.filter
def percent(rate) -> str:
    """A tax rate as people write it: 23, 13.5 (never 2.3E+1 or 23.00)."""
    try:
        return format(Decimal(str(rate)).normalize(), "f")
    except (InvalidOperation, ValueError, TypeError):
        return ""


@register.simple_tag
def product_price(product, variant=None):
    """The product's price now, from the one pricing service (catalogue.pricing), for includes/price.html.

    Without a variant, a product whose variants' prices differ shows the lowest, "From" (price.html).
    """
    from catalogue.pricing import lowest_price, price_for

    return price_for(product, variant) if variant is not None else lowest_price(product)


@register.simple_tag
def stock_badge(product, overlay=False):
    """The stock state as a badge; ``overlay`` pins it to the corner of a card's picture."""
    label, state_class, badge_class = STOCK_LABELS[product.stock_state]
    return format_html(
        '<span class="badge {} stock {}{}">{}</span>',
        badge_class,
        state_class,
        " badge--overlay" if overlay else "",
        label.format(stock=product.stock),
    )


def stars_shown(average) -> Decimal | None:
    """The rating rounded to the nearest half star, halves going up: 4.25 shows 4.5 stars, 4.75 shows 5.

    Python's round() goes to the even neighbour (round(4.5) is 4), which drew 4.5 as four stars.
    """
    try:
        value = Decimal(str(average))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not value.is_finite():
        return None
    halves = (value * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return min(max(halves / 2, Decimal(0)), Decimal(5))


@register.simple_tag
def star_rating(average):
    """Five stars filled to the nearest half, as one image whose name says the rating.

    role="img" makes aria-label valid on the span (the HTML checker refuses it on a plain
    span or p); the stars themselves are drawn by CSS from the ``stars--N`` class, N being
    tenths of a star in halves (45 is four and a half).
    """
    shown = stars_shown(average) if average is not None else None
    if shown is None:
        return ""
    label = format(Decimal(str(average)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize(), "f")
    return format_html(
        '<span class="stars stars--{}" role="img" aria-label="Rated {} out of 5"></span>',
        int(shown * 10),
        label,
    )


@register.simple_tag(takes_context=True)
def product_cards(context, products):
    """Product cards as list items, through the card cache (catalogue.card_cache)."""
    from catalogue.card_cache import render_cards

    return render_cards(products, context.get("request"))
