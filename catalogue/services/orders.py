"""Placing orders and moving them through their lifecycle.

`order_place` is one transaction: stock is taken line by line with conditional
updates (in product-id order, so concurrent orders lock rows in the same order
and cannot deadlock), the lines copy title, options, SKU and price as they are now (from
catalogue.pricing, with the voucher redeemed and the tax lines stored in the same
transaction), and the cart is emptied.  A line for a variant takes from the variant's
shelf.  If any line runs short, everything rolls back and the
cart is untouched.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from catalogue.models import Cart, Order, OrderLine, OrderStatusChange, OrderTaxLine
from catalogue.payments import get_payment_provider
from catalogue.pricing import price_cart
from catalogue.pricing.vouchers import voucher_check, voucher_find, voucher_redeem
from catalogue.services import stock
from catalogue.services.errors import OrderError, StockError
from catalogue.services.order_emails import STATUS_EMAILS
from catalogue.shipping import shipping_methods

ALLOWED_TRANSITIONS = {
    Order.Status.PENDING: {Order.Status.PAID, Order.Status.CANCELLED},
    Order.Status.PAID: {Order.Status.SHIPPED, Order.Status.CANCELLED},
    Order.Status.SHIPPED: {Order.Status.COMPLETED},
    Order.Status.COMPLETED: set(),
    Order.Status.CANCELLED: set(),
}


@dataclass(frozen=True)
class CheckoutDetails:
    email: str
    full_name: str
    address_line1: str
    city: str
    postcode: str
    country: str
    shipping_method: str
    payment_method: str
    address_line2: str = ""
    phone: str = ""
    voucher_code: str = ""


def _next_number(order: Order) -> str:
    return f"WS{timezone.now():%y}-{order.pk:06d}"


@transaction.atomic
def order_place(*, cart: Cart, details: CheckoutDetails, user=None, session_key: str = "") -> Order:
    # Product id, then variant id: the order in which the stock service locks rows.
    lines = list(cart.lines.select_related("product", "variant").order_by("product_id", "variant_id"))
    if not lines:
        raise OrderError("Your cart is empty.")
    unavailable = [line.product.title for line in lines if not line.product.live]
    if unavailable:
        raise OrderError(f"{', '.join(unavailable)} is no longer available; please remove it from your cart.")
    # A line added before the product gained variants names no shelf to take from.
    unchosen = [line.product.title for line in lines if line.variant_id is None and line.product.has_variants]
    if unchosen:
        raise OrderError(f"Please choose an option of {', '.join(unchosen)}: remove it and add it again.")
    try:
        method = shipping_methods()[details.shipping_method]
        provider = get_payment_provider(details.payment_method)
    except KeyError as exc:
        raise OrderError("Please choose a shipping and a payment method.") from exc

    # Prices are read once, at one moment, for every line and total (catalogue.pricing).
    at = timezone.now()
    voucher = None
    if details.voucher_code.strip():
        voucher = voucher_find(details.voucher_code, at=at)
        voucher_check(voucher, subtotal=price_cart(lines, at=at).subtotal, user=user, email=details.email)
    priced = price_cart(lines, voucher=voucher, shipping_method=method, at=at)
    order = Order.objects.create(
        number=uuid.uuid4().hex,  # placeholder until the row has an id
        user=user if user is not None and user.is_authenticated else None,
        session_key=session_key,
        email=details.email,
        full_name=details.full_name,
        phone=details.phone,
        address_line1=details.address_line1,
        address_line2=details.address_line2,
        city=details.city,
        postcode=details.postcode,
        country=details.country,
        shipping_method=method.code,
        shipping_cost=priced.shipping,
        payment_method=provider.code,
        subtotal=priced.subtotal,
        discount_total=priced.discount,
        voucher_code=priced.voucher_code,
        tax_total=priced.tax_total,
        prices_include_tax=priced.includes_tax,
        total=priced.total,
        currency=settings.SHOP_CURRENCY,
    )
    order.number = _next_number(order)
    order.save(update_fields=["number"])
    if voucher is not None:
        voucher_redeem(voucher=voucher, order=order, user=user, email=details.email)
    OrderTaxLine.objects.bulk_create(
        OrderTaxLine(
            order=order,
            tax_class=tax.tax_class,
            label=tax.label,
            rate=tax.rate,
            base=tax.base,
            amount=tax.amount,
            on_shipping=tax.on_shipping,
        )
        for tax in priced.tax_lines
    )

    for line in priced.lines:
        try:
            stock.stock_take(
                product_id=line.product_id, variant_id=line.variant_id, quantity=line.quantity, order=order
            )
        except StockError as exc:
            raise StockError(
                f"Sorry, someone was quicker: there are not enough “{line.product.title}” left. "
                "Your cart is unchanged; please lower the quantity."
            ) from exc
        OrderLine.objects.create(
            order=order,
            product=line.product,
            variant=line.variant,
            product_title=line.product.title,
            options=line.variant.options_label if line.variant_id else "",
            sku=line.sku,
            unit_price=line.unit_price,
            quantity=line.quantity,
            line_total=line.total,
        )
    OrderStatusChange.objects.create(
        order=order, from_status="", to_status=order.status, changed_by=order.user
    )
    cart.lines.all().delete()

    from catalogue.tasks import enqueue_order_confirmation

    transaction.on_commit(lambda: enqueue_order_confirmation(order.pk))
    return order


@transaction.atomic
def order_set_status(
    *, order: Order, status: str, changed_by=None, note: str = "", tracking_url: str = ""
) -> Order:
    """Move the order on, record who did it, and email the shopper once it commits.

    `tracking_url` (already validated) is kept when the order becomes shipped; the
    shipping email links to it.
    """
    order = Order.objects.select_for_update().get(pk=order.pk)
    if status not in ALLOWED_TRANSITIONS.get(order.status, set()):
        raise OrderError(f"An order that is {order.get_status_display().lower()} cannot become {status}.")
    if status == Order.Status.CANCELLED:
        lines = (
            order.lines.exclude(product=None).select_related("product").order_by("product_id", "variant_id")
        )
        for line in lines:
            # A variant deleted since the order has no shelf left to go back to.
            if line.variant_id is None and line.product.has_variants:
                continue
            stock.stock_release(
                product_id=line.product_id,
                variant_id=line.variant_id,
                quantity=line.quantity,
                order=order,
                user=changed_by,
            )
    change = OrderStatusChange.objects.create(
        order=order, from_status=order.status, to_status=status, changed_by=changed_by, note=note
    )
    order.status = status
    fields = ["status", "updated_at"]
    if status == Order.Status.SHIPPED and tracking_url:
        order.tracking_url = tracking_url
        fields.append("tracking_url")
    order.save(update_fields=fields)

    if status in STATUS_EMAILS:
        from catalogue.tasks import enqueue_order_status_email

        transaction.on_commit(lambda: enqueue_order_status_email(change.pk))
    return order


# Guest orders this browser placed, by reference. Signing in or up rotates the session
# key (which the order also records) but keeps the session's data, so this list is
# what lets a guest who then signs in still open their own confirmation.
SESSION_GUEST_ORDERS = "guest_orders"
GUEST_ORDERS_KEPT = 20


def guest_order_remember(request, order: Order) -> None:
    """Let this browser open a guest order it placed, signed in or not, until the session ends."""
    if order.user_id is not None:
        return
    reference = str(order.reference)
    held = [ref for ref in request.session.get(SESSION_GUEST_ORDERS, []) if ref != reference]
    request.session[SESSION_GUEST_ORDERS] = [*held, reference][-GUEST_ORDERS_KEPT:]


def orders_visible_to(request) -> QuerySet[Order]:
    """The orders this visitor may see: their account's, or this session's guest orders."""
    if request.user.is_authenticated:
        return Order.objects.filter(user=request.user)
    return Order.objects.filter(_placed_here_as_guest(request))


def orders_openable_by(request) -> QuerySet[Order]:
    """The orders whose confirmation this visitor may open: as above, plus the guest
    orders this browser placed before signing in or up."""
    placed_here = _placed_here_as_guest(request)
    if request.user.is_authenticated:
        return Order.objects.filter(Q(user=request.user) | placed_here)
    return Order.objects.filter(placed_here)


def _placed_here_as_guest(request) -> Q:
    # reference__in=[] matches nothing, without a query.
    here = Q(reference__in=request.session.get(SESSION_GUEST_ORDERS, []))
    if request.session.session_key:
        # The session key covers guest orders placed before references were kept in the session.
        here |= Q(session_key=request.session.session_key)
    return here & Q(user=None)
