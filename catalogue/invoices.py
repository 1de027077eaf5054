"""An order's invoice: who sells, and the order read with everything the document prints.

Every figure comes from the order as stored (lines, discount, shipping, tax lines, total),
never from today's prices, so an invoice printed next year says what was charged."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from catalogue.models import Order
from home.models import SeoSettings


@dataclass(frozen=True)
class Seller:
    name: str
    address_lines: tuple[str, ...]
    vat_number: str


def invoice_seller(request) -> Seller:
    """The seller for the request's site: SEO settings' organisation name, the address and VAT
    number from ``SHOP_SELLER_ADDRESS`` and ``SHOP_SELLER_VAT_NUMBER``."""
    # Read once per request (the page title's suffix reads the same row), so no extra query.
    organisation = SeoSettings.for_request(request).organisation_name
    return Seller(
        name=organisation,
        address_lines=tuple(line for line in settings.SHOP_SELLER_ADDRESS if line.strip()),
        vat_number=settings.SHOP_SELLER_VAT_NUMBER,
    )


def invoice_orders(orders: QuerySet[Order]) -> QuerySet[Order]:
    """``orders`` with the lines and tax lines an invoice prints: three queries whatever the size."""
    return orders.prefetch_related("lines", "tax_lines")
