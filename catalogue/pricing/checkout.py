"""The checkout summary: the cart priced with the shopper's voucher, for every shipping method."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from catalogue.shipping import shipping_methods

from .tax import shipping_tax_class
from .totals import CartPrice, price_cart
from .vouchers import VoucherError, voucher_check, voucher_find


@dataclass(frozen=True)
class Quote:
    """One shipping method's cost for this cart, and the order total it would make."""

    method: object
    cart_price: CartPrice

    @property
    def cost(self) -> Decimal:
        return self.cart_price.shipping

    @property
    def total(self) -> Decimal:
        return self.cart_price.total

    @property
    def shipping_tax(self) -> Decimal:
        return self.cart_price.shipping_tax


@dataclass(frozen=True)
class CheckoutSummary:
    quotes: list[Quote]
    quote: Quote  # the chosen method's
    voucher_error: str = ""

    @property
    def shipping_tax_class(self):
        """The class shipping is taxed in, named on the summary's shipping tax row; None: untaxed."""
        return shipping_tax_class()


def checkout_summary(
    lines, *, voucher_code: str = "", method_code: str = "", user=None, email: str = ""
) -> CheckoutSummary:
    """Price the checkout; a voucher that cannot be used is left out, with the reason why."""
    at = timezone.now()
    lines = list(lines)
    voucher, error = None, ""
    if voucher_code and voucher_code.strip():
        try:
            voucher = voucher_find(voucher_code, at=at)
            voucher_check(voucher, subtotal=price_cart(lines, at=at).subtotal, user=user, email=email)
        except VoucherError as exc:
            voucher, error = None, str(exc)
    quotes = [
        Quote(method=method, cart_price=price_cart(lines, voucher=voucher, shipping_method=method, at=at))
        for method in shipping_methods().values()
    ]
    chosen = next((quote for quote in quotes if quote.method.code == method_code), quotes[0])
    return CheckoutSummary(quotes=quotes, quote=chosen, voucher_error=error)
