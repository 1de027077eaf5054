"""The shop's one money format: an amount in its currency, written the SHOP_LOCALE way.

Babel's CLDR data decides symbol, position, separators and decimals, so "€1,234.50"
(en_IE), "£1,234.50" (en_GB) and "1.234,50 €" (de_DE) all come from one function.
"""

from decimal import Decimal

from babel.numbers import format_currency
from django.conf import settings


def format_money(amount: Decimal | int | None, currency: str | None = None) -> str:
    """``amount`` in ``currency`` (the shop's by default); ``""`` for no amount."""
    if amount is None:
        return ""
    return format_currency(amount, currency or settings.SHOP_CURRENCY, locale=settings.SHOP_LOCALE)
