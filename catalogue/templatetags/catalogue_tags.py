"""Presentation helpers for prices, stock and ratings; no business rules here."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from catalogue.money import format_money

register = template.Library()

STOCK_LABELS = {
    "in_stock": ("In stock", "stock-in"),
    "low_stock": ("Only {stock} left", "stock-low"),
    "out_of_stock": ("Sold out", "stock-out"),
}


@register.simple_tag
def money(amount: Decimal | None, currency: str | None = None) -> str:
    """The shop's one money format (catalogue.money); an order passes its own currency."""
    return format_money(amount, currency)


@register.simple_tag
def stock_badge(product):
    label, css_class = STOCK_LABELS[product.stock_state]
    return format_html('<span class="stock {}">{}</span>', css_class, label.format(stock=product.stock))


@register.simple_tag
def star_rating(average) -> str:
    if average is None:
        return ""
    filled = int(round(float(average)))
    return "★" * filled + "☆" * (5 - filled)


@register.simple_tag(takes_context=True)
def product_cards(context, products):
    """Product cards as list items, through the card cache (catalogue.card_cache)."""
    from catalogue.card_cache import render_cards

    return render_cards(products, context.get("request"))
