"""The demo shopper's order history: an order in every status, and reviews of what they bought.

Everything goes through the shop's services (cart, order placement, status changes,
review submission), exactly as a real purchase would, so the stock, its ledger and the
status history stay consistent and the reviews are verified purchases by the same rule
the shop applies to anyone. Idempotent: a status the shopper already has an order in is
skipped, and so is a product they already reviewed.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from catalogue.models import Cart, Order, OrderStatusChange, ProductPage, Review
from catalogue.services.cart import cart_add
from catalogue.services.orders import CheckoutDetails, order_place, order_set_status
from catalogue.services.reviews import review_set_status, review_submit

SHOPPER_EMAIL = "shopper@example.com"
Status = Order.Status

# How each order reaches its status from "pending", through the allowed transitions.
PATHS = {
    Status.PENDING: (),
    Status.PAID: (Status.PAID,),
    Status.SHIPPED: (Status.PAID, Status.SHIPPED),
    Status.COMPLETED: (Status.PAID, Status.SHIPPED, Status.COMPLETED),
    Status.CANCELLED: (Status.PAID, Status.CANCELLED),
}
# Products per order: the completed one holds two, so two reviews can be verified purchases.
LINES = {Status.PENDING: 1, Status.PAID: 1, Status.SHIPPED: 2, Status.COMPLETED: 2, Status.CANCELLED: 1}
REVIEW = (5, "Exactly as described", "Arrived well packed and is a pleasure to use every day.")


@dataclass
class OrdersSummary:
    orders_created: int = 0
    reviews_created: int = 0

    def __str__(self) -> str:
        return f"{self.orders_created} new shopper orders, {self.reviews_created} new verified reviews"


def buyable_products(sku_prefix: str) -> QuerySet[ProductPage]:
    # Products sold in sizes are bought by size: the demo orders keep to single products.
    return (
        ProductPage.objects.live()
        .filter(sku__startswith=sku_prefix, stock__gte=3, variant_count=0)
        .order_by("sku")
    )


def checkout_details(shopper) -> CheckoutDetails:
    return CheckoutDetails(
        email=shopper.email,
        full_name=shopper.get_full_name() or "Sam Shopper",
        address_line1="12 Market Street",
        city="Bristol",
        postcode="BS1 4DJ",
        country="GB",
        shipping_method="standard",
        payment_method="bank_transfer",
    )


def place_demo_order(*, shopper, products: list[ProductPage], status: str, staff) -> Order:
    # A cart of its own, so whatever the shopper has in their basket stays there.
    cart = Cart.objects.create()
    try:
        for product in products:
            cart_add(cart=cart, product_id=product.pk, quantity=1)
        order = order_place(cart=cart, details=checkout_details(shopper), user=shopper)
        # Past orders: their confirmations count as sent (the outbox mark, decision 19), so the
        # sender that runs on commit finds nothing to claim and `make run` prints no emails.
        Order.objects.filter(pk=order.pk).update(confirmation_sent_at=timezone.now())
    finally:
        cart.delete()
    for step in PATHS[status]:
        order = order_set_status(order=order, status=step, changed_by=staff, note="Demo data")
    # Their status emails (paid, shipped, cancelled) count as sent too, for the same reason.
    OrderStatusChange.objects.filter(order=order, email_sent_at=None).update(email_sent_at=timezone.now())
    return order


def load_shopper_orders(*, sku_prefix: str) -> OrdersSummary:
    summary = OrdersSummary()
    User = get_user_model()
    shopper = User.objects.filter(email__iexact=SHOPPER_EMAIL).first()
    staff = User.objects.filter(email__iexact="moderator@example.com").first()
    if shopper is None:
        return summary
    have = set(Order.objects.filter(user=shopper).values_list("status", flat=True))
    missing = [status for status in PATHS if status not in have]
    products = list(buyable_products(sku_prefix)[: sum(LINES.values())])
    if missing and len(products) < sum(LINES.values()):
        return summary  # too small a catalogue to shop from yet
    start = 0
    for status in PATHS:
        count = LINES[status]
        if status in missing:
            place_demo_order(
                shopper=shopper, products=products[start : start + count], status=status, staff=staff
            )
            summary.orders_created += 1
        start += count
    summary.reviews_created = review_bought_products(shopper)
    return summary


def review_bought_products(shopper) -> int:
    """The shopper reviews what their completed orders held: verified purchases, approved."""
    reviewed = set(Review.objects.filter(user=shopper).values_list("product_id", flat=True))
    bought = (
        ProductPage.objects.live()
        .filter(order_lines__order__user=shopper, order_lines__order__status=Status.COMPLETED)
        .exclude(pk__in=reviewed)
        .distinct()
    )
    rating, title, body = REVIEW
    created = 0
    for product in bought:
        review = review_submit(product=product, user=shopper, rating=rating, title=title, body=body)
        review_set_status(review=review, status=Review.Status.APPROVED)
        created += 1
    return created
