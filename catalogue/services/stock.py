"""The only code that changes ProductPage.stock and ProductVariant.stock; every change lands in the stock ledger.

Decrements are conditional UPDATEs (stock >= n), so two buyers can never both take
the last item: the database decides, not a read-then-write in Python. A movement that brings a sold-out
shelf back queues its back-in-stock alerts after the commit.
"""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F

from catalogue.invalidation import product_tags
from catalogue.models import ProductPage, ProductVariant, StockMovement
from catalogue.services.errors import StockError
from catalogue.services.stock_alerts import restocked
from home.serving.content_cache import invalidate


def shows_on_pages(stock_before: int, stock_after: int) -> bool:
    """Whether pages would show the change: the stock state, a low count or the quantity limit.

    Above both the low-stock threshold and the cart line limit a product reads "In stock"
    with the same quantity field whatever the number, so a sale of a well-stocked product
    keeps every cached page, card and search (one sale must not empty the caches).
    """
    visible_up_to = max(settings.SHOP_MAX_LINE_QUANTITY, settings.SHOP_LOW_STOCK_THRESHOLD + 1)
    return min(stock_before, visible_up_to) != min(stock_after, visible_up_to)


def _shift(*, product_id: int, variant_id: int | None, change: int) -> bool:
    """Move stock by ``change``, only if none would go below zero; False (nothing moved) if it would.

    A variant's product holds the sum of its variants' stock, so both move together:
    the product row first, then the variant, the same order for every writer, so
    concurrent orders lock rows in one order and cannot deadlock.
    """
    products = ProductPage.objects.filter(pk=product_id)
    if change < 0:
        products = products.filter(stock__gte=-change)
    if not products.update(stock=F("stock") + change):
        return False
    if variant_id is None:
        return True
    variants = ProductVariant.objects.filter(pk=variant_id, page_id=product_id)
    if change < 0:
        variants = variants.filter(stock__gte=-change)
    if not variants.update(stock=F("stock") + change):
        # Undo the product's share: the caller's transaction must not keep half a move.
        raise StockError("Not enough stock.")
    return True


def _record(
    *,
    product_id: int,
    change: int,
    reason: str,
    variant_id: int | None = None,
    order=None,
    user=None,
    note: str = "",
) -> int:
    if variant_id is None:
        stock_after, path = ProductPage.objects.filter(pk=product_id).values_list("stock", "path").get()
        visible = shows_on_pages(stock_after - change, stock_after)
    else:
        stock_after, product_after, path = (
            ProductVariant.objects.filter(pk=variant_id)
            .values_list("stock", "page__stock", "page__path")
            .get()
        )
        visible = shows_on_pages(stock_after - change, stock_after) or shows_on_pages(
            product_after - change, product_after
        )
    if visible:
        # Its page, its cards and the listings above it; not its siblings, not the menu.
        invalidate(product_tags(product_id, path))
    if restocked(stock_before=stock_after - change, stock_after=stock_after):
        # Whichever path returned the stock (a delivery, a cancelled order), the ledger saw it.
        from catalogue.tasks import enqueue_back_in_stock_alerts

        transaction.on_commit(partial(enqueue_back_in_stock_alerts, product_id, variant_id))
    StockMovement.objects.create(
        product_id=product_id,
        variant_id=variant_id,
        change=change,
        stock_after=stock_after,
        reason=reason,
        order=order,
        user=user,
        note=note,
    )
    return stock_after


@transaction.atomic
def stock_take(*, product_id: int, quantity: int, order=None, variant_id: int | None = None) -> int:
    """Take `quantity` off the shelf (the variant's, if given) for an order, or raise StockError."""
    if quantity < 1:
        raise StockError("Quantity must be at least 1.")
    if not _shift(product_id=product_id, variant_id=variant_id, change=-quantity):
        raise StockError("Not enough stock.")
    return _record(
        product_id=product_id,
        variant_id=variant_id,
        change=-quantity,
        reason=StockMovement.Reason.ORDER,
        order=order,
    )


@transaction.atomic
def stock_release(
    *, product_id: int, quantity: int, order=None, user=None, variant_id: int | None = None
) -> int:
    """Put items back on the shelf, e.g. when an order is cancelled."""
    _shift(product_id=product_id, variant_id=variant_id, change=quantity)
    return _record(
        product_id=product_id,
        variant_id=variant_id,
        change=quantity,
        reason=StockMovement.Reason.CANCELLATION,
        order=order,
        user=user,
    )


@transaction.atomic
def stock_adjust(
    *, product_id: int, change: int, user=None, note: str = "", variant_id: int | None = None
) -> int:
    """A manual correction from the admin (a delivery, a stock count); never below zero."""
    if change == 0:
        raise StockError("An adjustment must change the stock.")
    if variant_id is None and ProductVariant.objects.filter(page_id=product_id).exists():
        # The product's stock is its variants' sum: only a variant's shelf can be counted.
        raise StockError("This product is stocked by variant: choose the variant to adjust.")
    try:
        moved = _shift(product_id=product_id, variant_id=variant_id, change=change)
    except StockError:
        moved = False
    if not moved:
        raise StockError("Stock cannot go below zero.")
    return _record(
        product_id=product_id,
        variant_id=variant_id,
        change=change,
        reason=StockMovement.Reason.ADJUSTMENT,
        user=user,
        note=note,
    )
