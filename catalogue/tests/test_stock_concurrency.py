"""Real concurrent buyers against PostgreSQL: the last items are sold exactly once."""

import threading

import pytest
from django.db import connection, connections

from catalogue.models import Cart, CartLine, Order, ProductPage, StockMovement
from catalogue.services.errors import StockError
from catalogue.services.orders import order_place
from catalogue.tests.fixtures import add_product
from catalogue.tests.test_orders import DETAILS

pytestmark = pytest.mark.postgres

BUYERS = 10
STOCK = 3


# Serialized: the tests after it still find the migrations' rows (Site, root collection).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_restorable_database")
def test_ten_buyers_race_for_the_last_three(home_page):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking; SQLite serialises writers and proves nothing")
    from catalogue.factories import CategoryPageFactory

    category = CategoryPageFactory(parent=home_page, title="Race")
    product = add_product(category, image=False, stock=STOCK)
    carts = []
    for _ in range(BUYERS):
        cart = Cart.objects.create()
        CartLine.objects.create(cart=cart, product=product, quantity=1)
        carts.append(cart)

    details = DETAILS
    start = threading.Barrier(BUYERS)
    outcomes = []

    def buy(cart):
        try:
            start.wait()
            order_place(cart=cart, details=details)
            outcomes.append("ok")
        except StockError:
            outcomes.append("sold out")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy, args=(cart,)) for cart in carts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("ok") == STOCK
    assert outcomes.count("sold out") == BUYERS - STOCK
    assert ProductPage.objects.get(pk=product.pk).stock == 0
    assert Order.objects.count() == STOCK
    assert sum(StockMovement.objects.values_list("change", flat=True)) == -STOCK
    # Losers keep their carts.
    assert CartLine.objects.count() == BUYERS - STOCK
