"""Back-in-stock alerts: subscribing to a sold-out shelf, unsubscribing, and telling subscribers once.

The stock ledger (catalogue.services.stock) is the only trigger: a movement that takes
a shelf (a variant, or a product without variants) from 0 to more queues
``send_back_in_stock_alerts`` after the commit. Each subscription is its own outbox
row, claimed by ``notified_at`` through the shared claim-and-send of the order emails,
so two workers (or a worker and the sweep) never send one alert twice. Stock moving
between two positive numbers sends nothing, and a subscriber who was told stays told.
"""

import logging
from functools import partial

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from catalogue.emails.kinds import shop_name
from catalogue.emails.models import EmailTemplate
from catalogue.emails.rendering import wording_for
from catalogue.emails.sending import claim_and_send, email_send
from catalogue.models import BackInStockSubscription, ProductPage, ProductVariant
from catalogue.services.errors import ShopError

logger = logging.getLogger(__name__)

SWEEP_BATCH_SIZE = 50


class StockAlertError(ShopError):
    pass


def stock_alert_subscribe(
    *, product: ProductPage, variant: ProductVariant | None, email: str, user=None
) -> tuple[BackInStockSubscription, bool]:
    """Ask to be emailed once when the sold-out shelf returns; True with it if the subscription is new.

    Asking again for the same address and shelf keeps the one subscription. If the
    subscriber was already told and the shelf has sold out again since, the request
    arms the same subscription once more.
    """
    if variant is not None and variant.page_id != product.pk:
        raise StockAlertError("That option is not sold with this product.")
    if variant is None and product.has_variants:
        raise StockAlertError("Choose an option first.")
    if (variant or product).in_stock:
        raise StockAlertError("Good news: it is in stock, so you can order it now.")
    subscription, created = BackInStockSubscription.objects.get_or_create(
        product=product, variant=variant, email=email.strip().lower(), defaults={"user": user}
    )
    if not created and subscription.notified_at is not None:
        BackInStockSubscription.objects.filter(pk=subscription.pk).update(notified_at=None)
        subscription.notified_at = None
    return subscription, created


def stock_alert_unsubscribe(*, token) -> bool:
    """Forget the subscription the link's token names; False when there is none (already gone)."""
    deleted, _ = BackInStockSubscription.objects.filter(token=token).delete()
    return bool(deleted)


def restocked(*, stock_before: int, stock_after: int) -> bool:
    """Whether a ledger movement brings a sold-out shelf back: 0 before, more after."""
    return stock_before <= 0 < stock_after


def _shelf_in_stock(
    *, product_id: int, variant_id: int | None
) -> tuple[ProductPage, ProductVariant | None] | None:
    """The live product and its variant, if that shelf has stock now; else None."""
    product = ProductPage.objects.live().public().filter(pk=product_id).first()
    if product is None:
        return None
    if variant_id is None:
        return (product, None) if product.in_stock and not product.has_variants else None
    variant = ProductVariant.objects.filter(pk=variant_id, page_id=product_id, stock__gt=0).first()
    return (product, variant) if variant is not None else None


def _send(
    subscription_email: str, *, values: dict[str, str], product_url: str, unsubscribe_url: str, wording
) -> None:
    email_send(
        "back_in_stock",
        to=subscription_email,
        values=values,
        wording=wording,
        context={"product_url": product_url, "unsubscribe_url": unsubscribe_url},
        # RFC 8058: mail clients may offer one-click unsubscribe, a POST to the same link.
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def stock_alerts_notify(*, product_id: int, variant_id: int | None) -> int:
    """Email every subscriber still waiting for this shelf, once each; the number sent.

    Nothing goes out if the shelf has sold out again (or the product is no longer live)
    by the time this runs: its subscribers keep waiting for the next restock. A refused
    recipient does not hold up the rest; the OSError is raised at the end, so Celery
    retries, and the retry finds only the unsent still pending.
    """
    shelf = _shelf_in_stock(product_id=product_id, variant_id=variant_id)
    if shelf is None:
        return 0
    product, variant = shelf
    pending = list(
        BackInStockSubscription.objects.filter(
            product_id=product_id, variant_id=variant_id, notified_at__isnull=True
        )
        .order_by("pk")
        .values_list("pk", "email", "token")
    )
    if not pending:
        return 0
    product_url = product.get_full_url() or ""
    if variant is not None:
        product_url += f"?variant={variant.pk}"
    site = product.get_site()
    root = site.root_url if site else ""
    values = {
        "product_name": f"{product.title} ({variant.short_label})" if variant else product.title,
        "product_url": product_url,
        "shop_name": shop_name(),
    }
    # The editors' wording, read once for every subscriber (an unsaved row: the defaults).
    wording = wording_for("back_in_stock") or EmailTemplate(kind="back_in_stock")
    sent, failed = 0, None
    for pk, email, token in pending:
        unsubscribe_url = root + reverse("catalogue:stock_alert_unsubscribe", args=[token])
        send = partial(
            _send,
            email,
            values=values,
            product_url=product_url,
            unsubscribe_url=unsubscribe_url,
            wording=wording,
        )
        try:
            sent += claim_and_send(
                BackInStockSubscription.objects.filter(pk=pk), sent_at="notified_at", send=send
            )
        except OSError as error:
            logger.warning("Could not send the back-in-stock alert %s; will retry", pk, exc_info=True)
            failed = error
    if failed is not None:
        raise failed
    return sent


def stock_alerts_resend_unsent(*, limit: int = SWEEP_BATCH_SIZE) -> int:
    """Send the alerts whose queued task never ran: pending subscriptions for a shelf back in stock.

    At most ``limit`` shelves a run, lowest ids first; the next run takes the rest.
    """
    in_stock = Q(variant__isnull=True, product__stock__gt=0) | Q(variant__stock__gt=0)
    shelves = (
        BackInStockSubscription.objects.filter(in_stock, notified_at__isnull=True)
        .filter(Exists(ProductPage.objects.live().filter(pk=OuterRef("product_id"))))
        .order_by("product_id", "variant_id")
        .values_list("product_id", "variant_id")
        .distinct()[:limit]
    )
    sent = 0
    for product_id, variant_id in list(shelves):
        try:
            sent += stock_alerts_notify(product_id=product_id, variant_id=variant_id)
        except OSError:
            logger.warning("Some back-in-stock alerts for %s/%s failed; will retry", product_id, variant_id)
    return sent
