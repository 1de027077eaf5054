"""One unit's price: regular, sale or promotion, and how long it holds."""

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from .promotions import live_promotions
from .rules import sale_running
from .tax import prices_include_tax, tax_class_for


@dataclass(frozen=True)
class Price:
    """One unit of a product, as shoppers see it now.

    ``amount`` is what is charged, ``regular`` the list price it is compared with (struck
    through when lower). ``valid_until`` is when a reduced price ends, if it says.
    Amounts include tax when ``includes_tax`` (settings.SHOP_PRICES_INCLUDE_TAX).
    """

    amount: Decimal
    regular: Decimal
    valid_until: datetime | None = None
    valid_from: datetime | None = None
    promotion: str = ""
    tax_class: str = "standard"
    tax_rate: Decimal = Decimal(0)
    includes_tax: bool = True
    # A product's lowest price among variants that cost more ("From ..."), see lowest_price.
    is_from: bool = False

    @property
    def on_sale(self) -> bool:
        return self.amount < self.regular

    @property
    def saving(self) -> Decimal:
        return self.regular - self.amount


def base_price(product, variant=None) -> Decimal:
    """The list price: the variant's own when it has one, else the product's."""
    if variant is not None:
        for name in ("price_override", "base_price"):
            value = getattr(variant, name, None)
            if value is not None:
                return value
    return product.price


def price_for(product, variant=None, *, at: datetime | None = None) -> Price:
    """The price of one unit of ``product`` (or ``variant``) at ``at`` (now by default).

    Discounts never stack: the lowest of the regular price, the product's running sale
    price and each promotion in force that covers it is the price. The sale price is the
    product's, so a variant with a price of its own is not on that sale; promotions cover
    variants like their product.
    """
    at = at or timezone.now()
    regular = base_price(product, variant)
    candidates = [(regular, None, "", None)]
    own_price = variant is not None and getattr(variant, "price_override", None) is not None
    if not own_price and sale_running(product, at) and product.sale_price < regular:
        candidates.append((product.sale_price, product.sale_ends_at, "", product.sale_starts_at))
    product_id, brand_id, path = product.pk, product.brand_id, product.path or ""
    for rule in live_promotions():
        if rule.in_force(at) and rule.covers(product_id, brand_id, path, variant):
            candidates.append((rule.discounted(regular), rule.ends_at, rule.name, rule.starts_at))
    # Lowest first; at a tie, the one that holds longest (no end beats an end).
    amount, until, promotion, since = min(candidates, key=lambda c: (c[0], c[1] is not None, c[1] or at))
    tax_class = tax_class_for(getattr(product, "tax_class", "") or "")
    return Price(
        amount=amount,
        regular=regular,
        valid_until=until if amount < regular else None,
        valid_from=since if amount < regular else None,
        promotion=promotion if amount < regular else "",
        tax_class=tax_class.code,
        tax_rate=tax_class.rate,
        includes_tax=prices_include_tax(),
    )


@dataclass(frozen=True)
class _CheapestVariant:
    """A product's cheapest variant, as the summary on its page row knows it (no query)."""

    price_override: Decimal
    pk: None = None


def lowest_price(product, *, at: datetime | None = None) -> Price:
    """What a card or a list shows: for a product whose variants' prices differ, the cheapest
    variant's price ("From ..."); otherwise the product's own.

    A promotion on single variants makes their price "From" too when it is the lowest:
    the variants it lowers come with the live promotions (their own price included), so
    this costs no query either.
    """
    at = at or timezone.now()
    is_from = bool(getattr(product, "price_is_from", False))
    if is_from:
        lowest = price_for(product, _CheapestVariant(product.price_min), at=at)
    else:
        lowest = price_for(product, at=at)
    for rule in live_promotions():
        if not rule.in_force(at):
            continue
        for target in rule.targets_of(product.pk):
            candidate = price_for(product, target, at=at)
            if candidate.amount < lowest.amount:
                lowest, is_from = candidate, getattr(product, "variant_count", 0) > 1
    return replace(lowest, is_from=is_from)
