"""Presentation helpers for prices, stock and ratings; no business rules here."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()

CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}
STOCK_LABELS = {
    "in_stock": ("In stock", "stock-in"),
    "low_stock": ("Only {stock} left", "stock-low"),
    "out_of_stock": ("Sold out", "stock-out"),
}


@register.simple_tag
def money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    symbol = CURRENCY_SYMBOLS.get(settings.SHOP_CURRENCY, settings.SHOP_CURRENCY + " ")
    return f"{symbol}{amount:,.2f}"


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
