"""Real concurrent buyers against PostgreSQL: the last items are sold exactly once."""

from catalogue.models import Cart, CartLine, Order, ProductPage, StockMovement
from catalogue.services.errors import StockError
from catalogue.tests.fixtures import add_product
from catalogue.tests.races import checkouts, race, race_test, require_postgresql
from catalogue.tests.test_orders import DETAILS

pytestmark = race_test

BUYERS = 10
STOCK = 3


def test_ten_buyers_race_for_the_last_three(home_page):
    require_postgresql()
    from catalogue.factories import CategoryPageFactory

    category = CategoryPageFactory(parent=home_page, title="Race")
    product = add_product(category, image=False, stock=STOCK)
    carts = []
    for _ in range(BUYERS):
        cart = Cart.objects.create()
        CartLine.objects.create(cart=cart, product=product, quantity=1)
        carts.append(cart)

    outcomes = race(
        checkouts(carts, DETAILS),
        refused=(StockError,),
    )

    assert outcomes.count("ok") == STOCK
    assert outcomes.count("refused") == BUYERS - STOCK
    assert ProductPage.objects.get(pk=product.pk).stock == 0
    assert Order.objects.count() == STOCK
    assert sum(StockMovement.objects.values_list("change", flat=True)) == -STOCK
    # Losers keep their carts.
    assert CartLine.objects.count() == BUYERS - STOCK
