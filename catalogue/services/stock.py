"""The only code that changes ProductPage.stock; every change lands in the stock ledger.

Decrements are conditional UPDATEs (stock >= n), so two buyers can never both take
the last item: the database decides, not a read-then-write in Python.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F

from catalogue.invalidation import product_tags
from catalogue.models import ProductPage, StockMovement
from catalogue.services.errors import StockError
from home.content_cache import invalidate


def shows_on_pages(stock_before: int, stock_after: int) -> bool:
    """Whether pages would show the change: the stock state, a low count or the quantity limit.

    Above both the low-stock threshold and the cart line limit a product reads "In stock"
    with the same quantity field whatever the number, so a sale of a well-stocked product
    keeps every cached page, card and search (one sale must not empty the caches).
    """
    visible_up_to = max(settings.SHOP_MAX_LINE_QUANTITY, settings.SHOP_LOW_STOCK_THRESHOLD + 1)
    return min(stock_before, visible_up_to) != min(stock_after, visible_up_to)


def _record(*, product_id: int, change: int, reason: str, order=None, user=None, note: str = "") -> int:
    stock_after, path = ProductPage.objects.filter(pk=product_id).values_list("stock", "path").get()
    if shows_on_pages(stock_after - change, stock_after):
        # Its page, its cards and the listings above it; not its siblings, not the menu.
        invalidate(product_tags(product_id, path))
    StockMovement.objects.create(
        product_id=product_id,
        change=change,
        stock_after=stock_after,
        reason=reason,
        order=order,
        user=user,
        note=note,
    )
    return stock_after


@transaction.atomic
def stock_take(*, product_id: int, quantity: int, order=None) -> int:
    """Take `quantity` off the shelf for an order, or raise StockError if that many aren't there."""
    if quantity < 1:
        raise StockError("Quantity must be at least 1.")
    taken = ProductPage.objects.filter(pk=product_id, stock__gte=quantity).update(stock=F("stock") - quantity)
    if not taken:
        raise StockError("Not enough stock.")
    return _record(product_id=product_id, change=-quantity, reason=StockMovement.Reason.ORDER, order=order)


@transaction.atomic
def stock_release(*, product_id: int, quantity: int, order=None, user=None) -> int:
    """Put items back on the shelf, e.g. when an order is cancelled."""
    ProductPage.objects.filter(pk=product_id).update(stock=F("stock") + quantity)
    return _record(
        product_id=product_id,
        change=quantity,
        reason=StockMovement.Reason.CANCELLATION,
        order=order,
        user=user,
    )


@transaction.atomic
def stock_adjust(*, product_id: int, change: int, user=None, note: str = "") -> int:
    """A manual correction from the admin (a delivery, a stock count); never below zero."""
    if change == 0:
        raise StockError("An adjustment must change the stock.")
    if change < 0:
        updated = ProductPage.objects.filter(pk=product_id, stock__gte=-change).update(
            stock=F("stock") + change
        )
    else:
        updated = ProductPage.objects.filter(pk=product_id).update(stock=F("stock") + change)
    if not updated:
        raise StockError("Stock cannot go below zero.")
    return _record(
        product_id=product_id, change=change, reason=StockMovement.Reason.ADJUSTMENT, user=user, note=note
    )
