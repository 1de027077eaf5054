"""The shopper's emails about an order: confirmation, payment received, shipped, cancelled.

Each status change that the shopper hears about is its own outbox row
(`OrderStatusChange.email_sent_at`), claimed with a conditional UPDATE like the
confirmation (catalogue.services.order_confirmations): however many senders race (the
Celery task, its retries, the request when the broker is down, the sweep), it goes out
once. The wording comes from the editors' email snippets (emails app).
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from catalogue.emails.kinds import shop_name
from catalogue.emails.sending import claim_and_send, email_send
from catalogue.models import Order, OrderStatusChange
from catalogue.payments import provider_for_order
from home.money import format_money

logger = logging.getLogger(__name__)

# The status a change moves to, and the email that tells the shopper.
STATUS_EMAILS = {
    Order.Status.PAID: "payment_received",
    Order.Status.SHIPPED: "shipped",
    Order.Status.CANCELLED: "cancelled",
}
SWEEP_LOOKBACK = timedelta(days=3)
SWEEP_BATCH_SIZE = 50


def order_email_values(order: Order) -> dict[str, str]:
    """What an order email's placeholders are filled with."""
    return {
        "customer_name": order.full_name,
        "order_number": order.number,
        "order_total": format_money(order.total, order.currency),
        "shop_name": shop_name(),
        "tracking_url": order.tracking_url,
    }


def order_email_send(kind: str, order: Order) -> None:
    context = {
        "order": order,
        "lines": list(order.lines.all()),
        "instructions": provider_for_order(order).start(order),
        "site_url": settings.WAGTAILADMIN_BASE_URL,
        # Only an account's order has an invoice page the recipient can open (signed in).
        "invoice_url": (
            settings.WAGTAILADMIN_BASE_URL + reverse("catalogue:order_invoice", args=[order.reference])
            if order.user_id
            else ""
        ),
    }
    email_send(kind, to=order.email, values=order_email_values(order), context=context)


def order_status_email_send(*, change_id: int) -> bool:
    """Send the email for one status change unless some sender already has; True if this call sent it."""

    def send() -> None:
        change = OrderStatusChange.objects.select_related("order").get(pk=change_id)
        order_email_send(STATUS_EMAILS[change.to_status], change.order)

    return claim_and_send(
        OrderStatusChange.objects.filter(pk=change_id, to_status__in=list(STATUS_EMAILS)),
        sent_at="email_sent_at",
        send=send,
    )


def order_status_emails_resend_unsent(*, now: datetime | None = None, limit: int = SWEEP_BATCH_SIZE) -> int:
    """Send the status emails whose queued task never ran; the number sent."""
    now = now or timezone.now()
    unsent = (
        OrderStatusChange.objects.filter(
            email_sent_at__isnull=True,
            to_status__in=list(STATUS_EMAILS),
            created_at__lte=now - settings.SHOP_CONFIRMATION_SWEEP_AFTER,
            created_at__gt=now - SWEEP_LOOKBACK,
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for change_id in list(unsent):
        try:
            sent += order_status_email_send(change_id=change_id)
        except OSError:
            logger.warning(
                "Could not send the email for status change %s; will retry", change_id, exc_info=True
            )
    return sent
