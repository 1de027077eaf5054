"""Payment providers behind one small interface: offline methods, and cards through django-payments.

`start()` says what the shopper does next; `after_order_url()` is where checkout sends
them once the order is placed (a card provider: its payment page, whose gateway marks
the order paid through a verified callback, catalogue.services.payments).
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from home.money import format_money


@dataclass(frozen=True)
class PaymentInstructions:
    """What the confirmation page and email tell the shopper to do next."""

    summary: str


class PaymentProvider:
    code: str = ""
    label: str = ""

    def start(self, order) -> PaymentInstructions:
        raise NotImplementedError

    def after_order_url(self, order) -> str | None:
        """Where the shopper goes once the order is placed; None for its confirmation page."""
        return None


class CardProvider(PaymentProvider):
    """Cards through the django-payments gateway named by SHOP_CARD_GATEWAY."""

    code = "card"
    label = "Card"

    def start(self, order) -> PaymentInstructions:
        amount = format_money(order.total, order.currency)
        if order.status == order.Status.PENDING:
            return PaymentInstructions(f"Card payment of {amount}: we email you as soon as it is received.")
        return PaymentInstructions(f"Paid by card: {amount}.")

    def after_order_url(self, order) -> str | None:
        return reverse("catalogue:order_pay", args=[order.reference])


class InvoiceProvider(PaymentProvider):
    code = "invoice"
    label = "Invoice (pay within 14 days)"

    def start(self, order) -> PaymentInstructions:
        return PaymentInstructions(
            f"We will email an invoice for {format_money(order.total, order.currency)}, due in 14 days."
        )


class BankTransferProvider(PaymentProvider):
    code = "bank_transfer"
    label = "Bank transfer"

    def start(self, order) -> PaymentInstructions:
        return PaymentInstructions(
            f"Please transfer {format_money(order.total, order.currency)} to IBAN GB00 SHOP 0000 0000 0000 00 "
            f"with reference {order.number}. We ship once it arrives."
        )


class CashOnDeliveryProvider(PaymentProvider):
    code = "cash_on_delivery"
    label = "Cash on delivery"

    def start(self, order) -> PaymentInstructions:
        return PaymentInstructions(
            f"Please have {format_money(order.total, order.currency)} ready when the parcel arrives."
        )


def payment_providers() -> dict[str, PaymentProvider]:
    """The methods checkout offers, by code: the offline ones, and cards when a gateway is on.

    The storefront API offers the same: an app is handed the card payment's page by the
    payment's token (catalogue.services.payments.card_payment_hand_off), needing no session.
    """
    providers = [import_string(path)() for path in settings.SHOP_PAYMENT_PROVIDERS]
    if settings.SHOP_CARD_GATEWAY:
        providers.append(CardProvider())
    return {provider.code: provider for provider in providers}


def get_payment_provider(code: str) -> PaymentProvider:
    return payment_providers()[code]


def provider_for_order(order) -> PaymentProvider:
    """The provider an order was placed with, even one switched off since (a card gateway
    taken down leaves its orders' confirmations and emails working)."""
    if order.payment_method == CardProvider.code:
        return CardProvider()
    return get_payment_provider(order.payment_method)
