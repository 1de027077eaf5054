"""The gateway delivering one callback several times at once still pays the order once (PostgreSQL)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client

from catalogue.models import Order, OrderStatusChange
from catalogue.tests.fixtures import add_product
from catalogue.tests.test_card_payments import card_checkout, gateway_callback

pytestmark = pytest.mark.postgres

DELIVERIES = 6


# Serialized: the tests after it still find the migrations' rows (Site, root collection).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_restorable_database")
def test_one_callback_delivered_six_times_at_once_pays_the_order_once(home_page, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking; SQLite serialises writers and proves nothing")
    from catalogue.factories import CategoryPageFactory

    category = CategoryPageFactory(parent=home_page, title="Race")
    product = add_product(category, image=False, stock=5, price=Decimal("30.00"))
    shopper = Client()
    order, _ = card_checkout(shopper, product)
    callback = gateway_callback(shopper, order)
    mailoutbox.clear()

    start = threading.Barrier(DELIVERIES)
    answers = []

    def deliver():
        try:
            start.wait()
            answers.append(Client().get(callback).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(DELIVERIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [302] * DELIVERIES
    assert Order.objects.get().status == Order.Status.PAID
    assert OrderStatusChange.objects.filter(to_status="paid").count() == 1
    assert [m.subject for m in mailoutbox] == [f"Payment received for order {order.number}"]
