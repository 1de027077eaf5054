"""The only code that changes ProductPage.stock; every change lands in the stock ledger.

Decrements are conditional UPDATEs (stock >= n), so two buyers can never both take
the last item: the database decides, not a read-then-write in Python.
"""

from django.db import transaction
from django.db.models import F

from catalogue.models import ProductPage, StockMovement
from catalogue.services.errors import StockError
from home.content_cache import bump_on_commit


def _record(*, product_id: int, change: int, reason: str, order=None, user=None, note: str = "") -> int:
    stock_after = ProductPage.objects.filter(pk=product_id).values_list("stock", flat=True).get()
    # Stock shows on cached pages and cards: they must re-render.
    bump_on_commit()
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
