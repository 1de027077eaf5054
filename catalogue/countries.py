"""Countries the shop delivers to: stored as ISO 3166 codes, shown by their name in SHOP_LOCALE."""

from babel import Locale
from django.conf import settings


def _territories() -> dict[str, str]:
    return Locale.parse(settings.SHOP_LOCALE).territories


def country_name(code: str) -> str:
    """The country's name, or the code itself for one CLDR does not know (old data)."""
    return _territories().get((code or "").upper(), code)


def country_choices() -> list[tuple[str, str]]:
    """SHOP_COUNTRIES as (code, name), by name; SHOP_COUNTRY is always among them."""
    codes = {code.upper() for code in settings.SHOP_COUNTRIES} | {settings.SHOP_COUNTRY.upper()}
    return sorted(((code, country_name(code)) for code in codes), key=lambda choice: choice[1])


def default_country() -> str:
    return settings.SHOP_COUNTRY.upper()
