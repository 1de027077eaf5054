"""The gateway delivering one callback several times at once still pays the order once (PostgreSQL)."""

from decimal import Decimal

from django.test import Client

from catalogue.models import Order, OrderStatusChange
from catalogue.tests.fixtures import add_product
from catalogue.tests.races import race, race_test, require_postgresql
from catalogue.tests.test_card_payments import card_checkout, gateway_callback

pytestmark = race_test

DELIVERIES = 6


def test_one_callback_delivered_six_times_at_once_pays_the_order_once(home_page, mailoutbox):
    require_postgresql()
    from catalogue.factories import CategoryPageFactory

    category = CategoryPageFactory(parent=home_page, title="Race")
    product = add_product(category, image=False, stock=5, price=Decimal("30.00"))
    shopper = Client()
    order, _ = card_checkout(shopper, product)
    callback = gateway_callback(shopper, order)
    mailoutbox.clear()

    answers = race([lambda: Client().get(callback).status_code] * DELIVERIES)

    assert answers == [302] * DELIVERIES
    assert Order.objects.get().status == Order.Status.PAID
    assert OrderStatusChange.objects.filter(to_status="paid").count() == 1
    assert [m.subject for m in mailoutbox] == [f"Payment received for order {order.number}"]
