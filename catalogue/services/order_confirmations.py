"""Order confirmation emails, sent once each through a transactional outbox.

The order row is the outbox: `Order.confirmation_sent_at` stays empty until a sender
claims the email with a conditional UPDATE, so however many senders race (the Celery
task, a retry of it, the request itself when the broker is down, the beat sweep), only
the one whose UPDATE matched sends. A failed send clears the mark again. The Celery
task is only the fast path: when its message is lost with Redis, the sweep finds the
order still unmarked and sends the email a few minutes later.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from catalogue.emails.sending import claim_and_send
from catalogue.models import Order
from catalogue.services.order_emails import order_email_send

logger = logging.getLogger(__name__)

# Older unsent orders are left to staff: a confirmation days late confuses more than it helps.
SWEEP_LOOKBACK = timedelta(days=3)
SWEEP_BATCH_SIZE = 50


def order_confirmation_send(*, order_id: int) -> bool:
    """Send the order's confirmation unless some sender already has; True if this call sent it."""
    return claim_and_send(
        Order.objects.filter(pk=order_id),
        sent_at="confirmation_sent_at",
        send=lambda: _send(Order.objects.prefetch_related("lines").get(pk=order_id)),
    )


def order_confirmations_resend_unsent(*, now: datetime | None = None, limit: int = SWEEP_BATCH_SIZE) -> int:
    """Send the confirmations whose queued task never ran; the number sent.

    Only orders older than SHOP_CONFIRMATION_SWEEP_AFTER are picked up, so a healthy
    worker sends first; the claim keeps a slow one from sending twice anyway.
    """
    now = now or timezone.now()
    unsent = (
        Order.objects.filter(
            confirmation_sent_at__isnull=True,
            created_at__lte=now - settings.SHOP_CONFIRMATION_SWEEP_AFTER,
            created_at__gt=now - SWEEP_LOOKBACK,
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for order_id in list(unsent):
        try:
            sent += order_confirmation_send(order_id=order_id)
        except OSError:
            # One refused recipient must not hold up the rest; the next sweep tries again.
            logger.warning(
                "Could not send the confirmation for order %s; will retry", order_id, exc_info=True
            )
    if sent:
        logger.info("Sent %s confirmation email(s) whose queued task never ran", sent)
    return sent


def _send(order: Order) -> None:
    order_email_send("order_confirmation", order)
