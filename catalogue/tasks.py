"""Background work for the shop: order emails and stock alerts, retried by Celery."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from catalogue.emails.sending import enqueue_or_send
from catalogue.low_stock import low_stock_shelves
from catalogue.services.order_confirmations import order_confirmation_send, order_confirmations_resend_unsent
from catalogue.services.order_emails import order_status_email_send, order_status_emails_resend_unsent
from catalogue.services.stock_alerts import stock_alerts_notify, stock_alerts_resend_unsent


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_confirmation(self, order_id: int) -> bool:
    return order_confirmation_send(order_id=order_id)


def enqueue_order_confirmation(order_id: int) -> None:
    """Queue the email; if the broker is unreachable, send it in this request instead.

    Either way the order stays in the outbox until the email is out: a queued task lost
    with Redis, or a send that failed here, is picked up by resend_unsent_confirmations.
    """
    enqueue_or_send(send_order_confirmation, order_id)


@shared_task
def resend_unsent_confirmations() -> int:
    """Send the confirmations, status emails and back-in-stock alerts whose queued task never ran (lost with the broker, or out of retries)."""
    return (
        order_confirmations_resend_unsent()
        + order_status_emails_resend_unsent()
        + stock_alerts_resend_unsent()
    )


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_status_email(self, change_id: int) -> bool:
    return order_status_email_send(change_id=change_id)


def enqueue_order_status_email(change_id: int) -> None:
    """Queue the shopper's email about a status change; the broker down, send it here."""
    enqueue_or_send(send_order_status_email, change_id)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_back_in_stock_alerts(self, product_id: int, variant_id: int | None) -> int:
    return stock_alerts_notify(product_id=product_id, variant_id=variant_id)


def enqueue_back_in_stock_alerts(product_id: int, variant_id: int | None) -> None:
    """Queue the alerts for a shelf back in stock; the broker down, send them here."""
    enqueue_or_send(send_back_in_stock_alerts, product_id, variant_id)


@shared_task
def send_low_stock_alert() -> int:
    """Email staff the live products, and each variant on its own, at or below the low-stock threshold."""
    low = low_stock_shelves()
    if low:
        lines = "\n".join(f"{shelf.stock:>4}  {shelf.sku:<16} {shelf.name}" for shelf in low)
        send_mail(
            subject=f"Low stock: {len(low)} item{'s' if len(low) != 1 else ''}",
            message=f"These are at or below {settings.SHOP_LOW_STOCK_THRESHOLD} in stock:\n\n{lines}\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[settings.SHOP_STAFF_EMAIL],
        )
    return len(low)


@shared_task
def flush_view_counts() -> int:
    from catalogue.services.view_counts import view_counts_flush

    return view_counts_flush()


@shared_task
def expire_prices_at_boundaries() -> bool:
    """Start a new content generation when a sale or promotion has started or ended since the last run.

    Cached pages, cards and the promotions cache would otherwise show the old price
    until they expire. Run every minute by Celery beat; returns whether it bumped.
    """
    from catalogue.pricing.boundaries import prices_changed_since_last_check

    return prices_changed_since_last_check()
