"""A cart (or the lines of an order being placed) priced in full.

Order total = subtotal − discount + shipping (+ tax, when prices exclude it).
Shipping is taxed in its own tax line, in settings.SHOP_SHIPPING_TAX_CLASS, the same way
as the goods: inside the charge when prices include tax, on top of it when they do not.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from .core import Price, price_for
from .tax import (
    HUNDRED,
    prices_include_tax,
    shipping_tax_class,
    tax_class_for,
    tax_included_in,
    tax_on,
    to_cents,
)

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PricedLine:
    line: object  # the cart line priced (anything with product, quantity and optional variant)
    price: Price
    quantity: int

    @property
    def product(self):
        return self.line.product

    @property
    def product_id(self):
        return self.line.product_id

    @property
    def variant(self):
        return getattr(self.line, "variant", None)

    @property
    def variant_id(self):
        return getattr(self.line, "variant_id", None)

    @property
    def sku(self) -> str:
        return self.line.sku

    @property
    def stock(self) -> int:
        return self.line.stock

    @property
    def unit_price(self) -> Decimal:
        return self.price.amount

    @property
    def regular_price(self) -> Decimal:
        return self.price.regular

    @property
    def on_sale(self) -> bool:
        return self.price.on_sale

    @property
    def total(self) -> Decimal:
        return self.price.amount * self.quantity

    # Templates written for cart lines read these names.
    line_total = total


@dataclass(frozen=True)
class TaxLine:
    tax_class: str
    label: str
    rate: Decimal
    base: Decimal  # net amount taxed
    amount: Decimal
    on_shipping: bool = False  # the shipping charge's tax, not the goods'


@dataclass(frozen=True)
class CartPrice:
    lines: list[PricedLine]
    subtotal: Decimal
    discount: Decimal = ZERO
    voucher_code: str = ""
    shipping: Decimal = ZERO
    shipping_method: str = ""
    tax_lines: list[TaxLine] = field(default_factory=list)
    includes_tax: bool = True

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def tax_total(self) -> Decimal:
        return sum((line.amount for line in self.tax_lines), ZERO)

    @property
    def goods_tax_lines(self) -> list[TaxLine]:
        return [line for line in self.tax_lines if not line.on_shipping]

    @property
    def shipping_tax(self) -> Decimal:
        return sum((line.amount for line in self.tax_lines if line.on_shipping), ZERO)

    @property
    def total(self) -> Decimal:
        total = self.subtotal - self.discount + self.shipping
        return total if self.includes_tax else total + self.tax_total


def voucher_discount(voucher, subtotal: Decimal) -> Decimal:
    """What a voucher takes off this subtotal: a percentage of it, or an amount up to all of it."""
    if voucher is None or subtotal <= 0:
        return ZERO
    if voucher.kind == "percent":
        return min(subtotal, to_cents(subtotal * voucher.value / HUNDRED))
    return min(subtotal, voucher.value)


def _tax_lines(lines: list[PricedLine], subtotal: Decimal, discount: Decimal, included: bool):
    by_class: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        by_class[line.price.tax_class] += line.total
    # The order discount is shared between classes in proportion to what each holds;
    # the cent left by rounding goes to the largest.
    classes = sorted(by_class, key=lambda code: (-by_class[code], code))
    shares = {code: to_cents(discount * by_class[code] / subtotal) if subtotal else ZERO for code in classes}
    if classes:
        shares[classes[0]] += discount - sum(shares.values(), ZERO)
    result = []
    for code in classes:
        tax_class = tax_class_for(code)
        amount_after_discount = by_class[code] - shares[code]
        if included:
            tax = tax_included_in(amount_after_discount, tax_class.rate)
            base = amount_after_discount - tax
        else:
            tax = tax_on(amount_after_discount, tax_class.rate)
            base = amount_after_discount
        result.append(TaxLine(code, tax_class.label, tax_class.rate, base, tax))
    return result


def _shipping_tax_line(shipping: Decimal, included: bool) -> list[TaxLine]:
    """The shipping charge's tax, a line of its own (none for free shipping or untaxed shipping)."""
    tax_class = shipping_tax_class()
    if tax_class is None or shipping <= 0:
        return []
    if included:
        tax = tax_included_in(shipping, tax_class.rate)
        base = shipping - tax
    else:
        tax, base = tax_on(shipping, tax_class.rate), shipping
    label = f"{tax_class.label} on shipping"
    return [TaxLine(tax_class.code, label, tax_class.rate, base, tax, on_shipping=True)]


def price_cart(
    lines,
    *,
    voucher=None,
    shipping_method=None,
    at: datetime | None = None,
) -> CartPrice:
    """Price cart lines (each with ``product``, ``quantity``, optional ``variant``) in full.

    ``voucher`` is a Voucher already checked for this customer (catalogue.pricing.vouchers);
    ``shipping_method`` a catalogue.shipping.ShippingMethod, or None for "not chosen yet".
    """
    at = at or timezone.now()
    priced = [
        PricedLine(
            line=line,
            price=price_for(line.product, _variant_of(line), at=at),
            quantity=line.quantity,
        )
        for line in lines
    ]
    subtotal = sum((line.total for line in priced), ZERO)
    discount = voucher_discount(voucher, subtotal)
    shipping = shipping_method.cost_for(subtotal - discount) if shipping_method is not None else ZERO
    included = prices_include_tax()
    return CartPrice(
        lines=priced,
        subtotal=subtotal,
        discount=discount,
        voucher_code=voucher.code if voucher is not None and discount else "",
        shipping=shipping,
        shipping_method=shipping_method.code if shipping_method is not None else "",
        tax_lines=_tax_lines(priced, subtotal, discount, included) + _shipping_tax_line(shipping, included),
        includes_tax=included,
    )


def price_cart_by_method(lines, *, voucher=None, methods, at: datetime | None = None) -> list[CartPrice]:
    """The cart priced with each shipping method, for the checkout summary."""
    at = at or timezone.now()
    return [price_cart(lines, voucher=voucher, shipping_method=method, at=at) for method in methods]


def _variant_of(line):
    if not getattr(line, "variant_id", None):
        return None
    # The line's own product stands in for variant.page, which would cost a query per line.
    line.variant.page = line.product
    return line.variant
