"""Card payments: opening an attempt for an order, and settling it from the gateway's callback.

The order becomes paid here and nowhere else: after the gateway's provider has verified
the callback (signature, amount, currency) and reported the attempt confirmed, and only
while the order is still pending. Callbacks are processed with the attempt's row
locked, so a callback replayed or delivered twice at once finds it settled.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from payments import PaymentError, PaymentStatus, RedirectNeeded
from payments.core import provider_factory

from catalogue.models import Order, Payment
from catalogue.payment_gateways import OPEN_STATUSES
from catalogue.services.errors import OrderError
from catalogue.services.orders import order_set_status

logger = logging.getLogger(__name__)


def card_payment_open(*, order: Order, variant: str, opened_by_api: bool = False) -> Payment:
    """The order's attempt still waiting for the shopper, or a new one for the order's total.

    ``opened_by_api``: for an app (no session), whose shopper the gateway sends back to the
    attempt's own page rather than to the session's order pages.
    """
    payment = order.payments.filter(
        variant=variant, status__in=OPEN_STATUSES, opened_by_api=opened_by_api
    ).first()
    if payment is not None:
        return payment
    first_name, _, last_name = order.full_name.partition(" ")
    return Payment.objects.create(
        order=order,
        variant=variant,
        opened_by_api=opened_by_api,
        total=order.total,
        delivery=order.shipping_cost,
        currency=order.currency,
        description=f"Order {order.number}",
        billing_first_name=first_name[:256],
        billing_last_name=last_name[:256],
        billing_address_1=order.address_line1[:256],
        billing_address_2=order.address_line2[:256],
        billing_city=order.city[:256],
        billing_postcode=order.postcode[:256],
        billing_country_code=order.country,
        billing_email=order.email,
    )


@dataclass(frozen=True)
class CardHandOff:
    """What an app is given to let its shopper pay: the attempt, and the page to open."""

    payment: Payment
    redirect_url: str


def card_payment_hand_off(*, order: Order, variant: str) -> CardHandOff:
    """Open an attempt for an app and find where its shopper pays.

    A redirect gateway (Stripe) names its hosted page at once; a gateway with a form of
    its own (the dummy), or one that cannot start just now, is reached through the
    attempt's page on the shop, which needs no session and tries the gateway again.
    """
    payment = card_payment_open(order=order, variant=variant, opened_by_api=True)
    try:
        payment.get_form()
    except RedirectNeeded as to_gateway:
        return CardHandOff(payment=payment, redirect_url=str(to_gateway))
    except PaymentError:
        logger.warning("Gateway refused to start payment %s for an app", payment.pk, exc_info=True)
    return CardHandOff(payment=payment, redirect_url=payment.get_hand_off_url())


@transaction.atomic
def payment_callback_process(*, token: str, request: HttpRequest) -> HttpResponse:
    """Let the attempt's gateway verify and apply the callback, then settle the order.

    Raises Payment.DoesNotExist for an unknown token, and the gateway's verification
    errors (catalogue.payment_gateways.VERIFICATION_ERRORS) for a forged callback; the
    transaction then rolls back whatever the provider had written.
    """
    payment = Payment.objects.select_for_update().select_related("order").get(token=token)
    was_open = payment.status in OPEN_STATUSES
    response = provider_factory(payment.variant, payment).process_data(payment, request)
    if was_open:
        _settle(payment)
    return response


def payment_webhook_process(*, variant: str, request: HttpRequest) -> HttpResponse:
    """A gateway's webhook to one URL for every payment (Stripe): find the attempt, then as above."""
    token = provider_factory(variant).get_token_from_request(payment=None, request=request)
    return payment_callback_process(token=str(token or ""), request=request)


def _settle(payment: Payment) -> None:
    payment.refresh_from_db()
    if payment.status != PaymentStatus.CONFIRMED:
        return
    order = payment.order
    if payment.captured_amount != order.total or payment.currency != order.currency:
        logger.error(
            "Payment %s captured %s %s for order %s",
            payment.pk,
            payment.captured_amount,
            payment.currency,
            order.number,
        )
        return
    try:
        order_set_status(
            order=order,
            status=Order.Status.PAID,
            note=f"Card payment {payment.transaction_id or payment.token}",
        )
    except OrderError:
        # Paid after the order was cancelled, or a second attempt paid too: money to give back.
        logger.warning(
            "Card payment %s arrived for order %s, which is %s; refund it",
            payment.pk,
            order.number,
            order.status,
        )
