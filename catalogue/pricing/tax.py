"""Tax classes and rates, from settings.SHOP_TAX_CLASSES, and the two ways tax is worked out.

Rates are set by law and change with a deploy, like shipping rates; the product picks its
class. Amounts are rounded to the cent, half up, per class and order (not per unit), the
way VAT invoices are normally computed.
"""

import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TaxClass:
    code: str
    label: str
    rate: Decimal  # percent


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


_built: dict = {}


def tax_classes() -> dict[str, TaxClass]:
    # Built once per settings object (every price asks); overriding the setting builds anew.
    configured = settings.SHOP_TAX_CLASSES
    if _built.get("source") is not configured:
        _built["classes"] = {
            code: TaxClass(code=code, label=config["label"], rate=Decimal(str(config["rate"])))
            for code, config in configured.items()
        }
        _built["source"] = configured
    return _built["classes"]


def tax_class_choices() -> list[tuple[str, str]]:
    """The product form's choices: each class with its rate."""
    return [(c.code, f"{c.label} ({c.rate.normalize():f}%)") for c in tax_classes().values()]


def tax_class_for(code: str) -> TaxClass:
    """The product's class; a code no longer configured falls back to the first (standard) class."""
    classes = tax_classes()
    found = classes.get(code)
    if found is None:
        found = next(iter(classes.values()))
        logger.warning("Unknown tax class %r; charging %s instead", code, found.code)
    return found


def shipping_tax_class() -> TaxClass | None:
    """The class shipping is taxed in (settings.SHOP_SHIPPING_TAX_CLASS); None: shipping is untaxed."""
    code = settings.SHOP_SHIPPING_TAX_CLASS
    return tax_class_for(code) if code else None


def prices_include_tax() -> bool:
    return bool(settings.SHOP_PRICES_INCLUDE_TAX)


def tax_included_in(gross: Decimal, rate: Decimal) -> Decimal:
    """The tax inside a price that includes it (VAT): 123.00 at 23% holds 23.00."""
    return to_cents(gross * rate / (HUNDRED + rate))


def tax_on(net: Decimal, rate: Decimal) -> Decimal:
    """The tax to add to a net price (sales tax): 100.00 at 8.25% adds 8.25."""
    return to_cents(net * rate / HUNDRED)
