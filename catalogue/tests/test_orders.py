"""The order lifecycle, the stock ledger and the confirmation email."""

from decimal import Decimal

import pytest
from django.db import transaction

from catalogue.models import Cart, CartLine, Order, ProductPage, StockMovement
from catalogue.services.errors import OrderError, StockError
from catalogue.services.orders import CheckoutDetails, order_place, order_set_status
from catalogue.services.stock import stock_adjust
from catalogue.tests.conftest import add_product
from users.factories import UserFactory

DETAILS = CheckoutDetails(
    email="buyer@example.com",
    full_name="Bea Buyer",
    address_line1="2 Low Road",
    city="Leeds",
    postcode="LS1 1AA",
    country="GB",
    shipping_method="express",
    payment_method="invoice",
)


def place(product, quantity=1, user=None):
    cart = Cart.objects.create(user=user)
    CartLine.objects.create(cart=cart, product=product, quantity=quantity)
    return order_place(cart=cart, details=DETAILS, user=user)


@pytest.mark.django_db
def test_status_changes_are_recorded_and_cancel_restocks(knives):
    staff = UserFactory(is_staff=True)
    product = add_product(knives, stock=5)
    order = place(product, 2)
    order_set_status(order=order, status="paid", changed_by=staff)
    order_set_status(order=order, status="cancelled", changed_by=staff, note="Customer changed mind")
    assert ProductPage.objects.get(pk=product.pk).stock == 5
    history = list(order.status_changes.values_list("from_status", "to_status"))
    assert history == [("", "pending"), ("pending", "paid"), ("paid", "cancelled")]
    reasons = list(StockMovement.objects.order_by("pk").values_list("reason", "change", "stock_after"))
    assert reasons == [("order", -2, 3), ("cancellation", 2, 5)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "bad"),
    [([], "shipped"), (["paid", "shipped", "completed"], "cancelled"), (["cancelled"], "paid")],
)
def test_illegal_transitions_are_refused(knives, path, bad):
    order = place(add_product(knives, stock=5))
    for status in path:
        order = order_set_status(order=order, status=status)
    with pytest.raises(OrderError):
        order_set_status(order=order, status=bad)


@pytest.mark.django_db
def test_order_numbers_are_friendly_and_references_unguessable(knives):
    product = add_product(knives, stock=5)
    first, second = place(product), place(product)
    assert first.number != second.number and first.number.startswith("WS")
    assert first.reference != second.reference and len(str(first.reference)) == 36


@pytest.mark.django_db
def test_stock_adjustment_is_logged_and_never_negative(knives):
    product = add_product(knives, stock=2)
    assert stock_adjust(product_id=product.pk, change=10, note="Delivery") == 12
    with pytest.raises(StockError):
        stock_adjust(product_id=product.pk, change=-13, note="Count")
    assert ProductPage.objects.get(pk=product.pk).stock == 12
    assert list(StockMovement.objects.values_list("change", flat=True)) == [10]


@pytest.mark.django_db
def test_confirmation_email_waits_for_commit_and_skips_rollback(
    knives, mailoutbox, django_capture_on_commit_callbacks
):
    product = add_product(knives, stock=5)
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        place(product)
        raise RuntimeError("payment page crashed")
    assert not Order.objects.exists()
    assert ProductPage.objects.get(pk=product.pk).stock == 5
    assert not callbacks and not mailoutbox

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order = place(product)
    assert callbacks and not mailoutbox  # queued for after the commit, not yet sent
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == f"Your order {order.number}"
    assert "Total:" in mailoutbox[0].body and order.lines.get().product_title in mailoutbox[0].body


@pytest.mark.django_db
def test_broker_outage_still_completes_the_order_and_sends_the_email(
    knives, mailoutbox, django_capture_on_commit_callbacks
):
    from mysite.celery import app

    def fresh_connections():
        # Celery keeps its broker connection pools; drop them so the next
        # publish connects to whatever broker_url says now.
        app._pool = None
        app.amqp._producer_pool = None

    product = add_product(knives, stock=5)
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    fresh_connections()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            order = place(product)
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        fresh_connections()
    assert Order.objects.filter(pk=order.pk, status="pending").exists()
    assert [m.subject for m in mailoutbox] == [f"Your order {order.number}"]


@pytest.mark.django_db
def test_review_of_a_completed_purchase_is_verified(knives):
    from catalogue.services.reviews import review_submit

    buyer, browser = UserFactory(), UserFactory()
    product = add_product(knives, stock=5, price=Decimal("10.00"))
    order = place(product, user=buyer)
    for status in ("paid", "shipped", "completed"):
        order = order_set_status(order=order, status=status)
    assert review_submit(product=product, user=buyer, rating=5, body="Great").verified_purchase
    assert not review_submit(product=product, user=browser, rating=4, body="Looks nice").verified_purchase


@pytest.mark.django_db
def test_low_stock_alert_lists_low_live_products(knives, mailoutbox):
    from catalogue.tasks import send_low_stock_alert

    add_product(knives, title="Plenty", stock=50)
    add_product(knives, title="Nearly gone", stock=2, sku="NG-1")
    assert send_low_stock_alert() == 1
    assert "NG-1" in mailoutbox[0].body and "Plenty" not in mailoutbox[0].body
