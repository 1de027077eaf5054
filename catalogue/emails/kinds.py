"""The emails the shop sends: each one's placeholders, default wording and preview sample.

The wording here is the default shipped with the shop; editors override it per email in
the admin (emails.models.EmailTemplate). What only the shop can write (order lines,
addresses, links) comes from the email's templates, around the editors' wording.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from home.money import format_money

SIGN_OFF = "— {shop_name}"
ORDER_PLACEHOLDERS = {
    "customer_name": "The name the order was placed under",
    "order_number": "The order's number, e.g. WS26-000123",
    "order_total": "The order's total, in the shop's money format",
    "shop_name": "The shop's name",
}


@dataclass(frozen=True)
class EmailKind:
    code: str
    label: str
    placeholders: dict[str, str]
    subject: str
    intro: str
    outro: str

    @property
    def template_base(self) -> str:
        return f"emails/{self.code}"


KINDS = {
    kind.code: kind
    for kind in (
        EmailKind(
            "order_confirmation",
            _("Order confirmation"),
            ORDER_PLACEHOLDERS,
            subject="Your order {order_number}",
            intro="Hello {customer_name},\n\nThank you for your order {order_number}. "
            "Here is what you ordered; we will email you again when it ships.",
            outro="Questions about your order? Just reply to this email.\n\n" + SIGN_OFF,
        ),
        EmailKind(
            "payment_received",
            _("Payment received"),
            ORDER_PLACEHOLDERS,
            subject="Payment received for order {order_number}",
            intro="Hello {customer_name},\n\nWe have received your payment of {order_total} "
            "for order {order_number}, and are getting it ready to ship.",
            outro=SIGN_OFF,
        ),
        EmailKind(
            "shipped",
            _("Order shipped"),
            {**ORDER_PLACEHOLDERS, "tracking_url": "The parcel's tracking link (empty if staff gave none)"},
            subject="Order {order_number} is on its way",
            intro="Hello {customer_name},\n\nGood news: order {order_number} has left our shop.",
            outro="Enjoy it!\n\n" + SIGN_OFF,
        ),
        EmailKind(
            "cancelled",
            _("Order cancelled"),
            ORDER_PLACEHOLDERS,
            subject="Order {order_number} is cancelled",
            intro="Hello {customer_name},\n\nOrder {order_number} has been cancelled. "
            "If you had already paid, the {order_total} goes back to you the way you paid.",
            outro="Questions? Just reply to this email.\n\n" + SIGN_OFF,
        ),
        EmailKind(
            "password_reset",
            _("Password reset"),
            {
                "customer_name": "The account holder's first name (may be empty)",
                "email": "The account's email address",
                "shop_name": "The shop's name",
            },
            subject="Reset your {shop_name} password",
            intro="Hello {customer_name},\n\nSomeone asked to reset the password for the {shop_name} "
            "account that uses {email}. To choose a new password, open the link below.",
            outro="If you did not ask for this, ignore this email: your password stays as it is.\n\n"
            + SIGN_OFF,
        ),
        EmailKind(
            "back_in_stock",
            _("Back in stock"),
            {
                "product_name": "The product's (or variant's) name",
                "product_url": "The product page's address",
                "shop_name": "The shop's name",
            },
            subject="{product_name} is back in stock",
            intro="Hello,\n\n{product_name} is back in stock, as you asked us to tell you. "
            "It may not last long.",
            outro=SIGN_OFF,
        ),
    )
}
KIND_CHOICES = [(kind.code, kind.label) for kind in KINDS.values()]


def shop_name() -> str:
    return settings.WAGTAIL_SITE_NAME


def sample(kind: EmailKind) -> tuple[dict[str, str], dict]:
    """Placeholder values and template context for the admin preview: a made-up order or product."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    line = SimpleNamespace(
        product_title="Chef's knife, 20 cm",
        sku="KN-20",
        quantity=2,
        unit_price=Decimal("45.00"),
        line_total=Decimal("90.00"),
    )
    order = SimpleNamespace(
        number="WS26-000123",
        full_name="Ann Example",
        email="ann@example.com",
        address_line1="1 High Street",
        address_line2="",
        postcode="D02 X285",
        city="Dublin",
        country_name="Ireland",
        subtotal=Decimal("90.00"),
        shipping_cost=Decimal("0.00"),
        total=Decimal("90.00"),
        currency=settings.SHOP_CURRENCY,
        created_at=datetime(2026, 1, 1, 12, 0),
        tracking_url="https://tracking.example.com/parcel/123",
    )
    values = {
        "customer_name": order.full_name,
        "order_number": order.number,
        "order_total": format_money(order.total, order.currency),
        "shop_name": shop_name(),
        "tracking_url": order.tracking_url,
        "email": order.email,
        "product_name": line.product_title,
        "product_url": f"{base}/kitchen/knives/chefs-knife/",
    }
    context = {
        "order": order,
        "lines": [line],
        "instructions": SimpleNamespace(summary="Paid by card."),
        "reset_url": f"{base}/accounts/password/reset/…/",
        "product_url": values["product_url"],
        "unsubscribe_url": f"{base}/alerts/unsubscribe/…/",
    }
    return {name: values[name] for name in kind.placeholders}, context
