"""Real concurrent buyers of one variant against PostgreSQL: its last items are sold exactly once."""

import threading

import pytest
from django.db import connection, connections

from catalogue.models import Cart, CartLine, Order, ProductPage, ProductVariant, StockMovement
from catalogue.services.errors import StockError
from catalogue.services.orders import order_place
from catalogue.tests.fixtures import add_product, add_variants
from catalogue.tests.test_orders import DETAILS

pytestmark = pytest.mark.postgres

BUYERS = 10
STOCK = 3


# Serialized: the tests after it still find the migrations' rows (Site, root collection).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_restorable_database")
def test_ten_buyers_race_for_the_last_three_of_a_variant(home_page):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking; SQLite serialises writers and proves nothing")
    from catalogue.factories import CategoryPageFactory

    category = CategoryPageFactory(parent=home_page, title="Race")
    product = add_product(category, image=False, stock=0)
    medium, large = add_variants(
        product, {"sku": "RACE-M", "size": "M", "stock": STOCK}, {"sku": "RACE-L", "size": "L", "stock": 50}
    )
    carts = []
    for n in range(BUYERS):
        cart = Cart.objects.create()
        CartLine.objects.create(cart=cart, product=product, variant=medium, quantity=1)
        # Half the buyers also take a large, so orders lock the product and two variants.
        if n % 2:
            CartLine.objects.create(cart=cart, product=product, variant=large, quantity=1)
        carts.append(cart)

    start = threading.Barrier(BUYERS)
    outcomes = []

    def buy(cart):
        try:
            start.wait()
            order_place(cart=cart, details=DETAILS)
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
    assert ProductVariant.objects.get(pk=medium.pk).stock == 0
    large_sold = 50 - ProductVariant.objects.get(pk=large.pk).stock
    # The product holds the sum of its variants' stock, however the race went.
    assert ProductPage.objects.get(pk=product.pk).stock == 0 + 50 - large_sold
    assert Order.objects.count() == STOCK
    assert sum(StockMovement.objects.filter(variant=medium).values_list("change", flat=True)) == -STOCK
    assert CartLine.objects.filter(variant=medium).count() == BUYERS - STOCK
