"""Payment providers behind one small interface; only offline methods exist today.

A card gateway would implement `start()` to redirect to the gateway and mark the
order paid from its webhook; nothing else in checkout would change.
"""

from dataclasses import dataclass

from django.conf import settings
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
    providers = (import_string(path)() for path in settings.SHOP_PAYMENT_PROVIDERS)
    return {provider.code: provider for provider in providers}


def get_payment_provider(code: str) -> PaymentProvider:
    return payment_providers()[code]
