"""Real concurrent buyers of one variant against PostgreSQL: its last items are sold exactly once."""

from catalogue.models import Cart, CartLine, Order, ProductPage, ProductVariant, StockMovement
from catalogue.services.errors import StockError
from catalogue.tests.fixtures import add_product, add_variants
from catalogue.tests.races import checkouts, race, race_test, require_postgresql
from catalogue.tests.test_orders import DETAILS

pytestmark = race_test

BUYERS = 10
STOCK = 3


def test_ten_buyers_race_for_the_last_three_of_a_variant(home_page):
    require_postgresql()
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

    outcomes = race(
        checkouts(carts, DETAILS),
        refused=(StockError,),
    )

    assert outcomes.count("ok") == STOCK
    assert outcomes.count("refused") == BUYERS - STOCK
    assert ProductVariant.objects.get(pk=medium.pk).stock == 0
    large_sold = 50 - ProductVariant.objects.get(pk=large.pk).stock
    # The product holds the sum of its variants' stock, however the race went.
    assert ProductPage.objects.get(pk=product.pk).stock == 0 + 50 - large_sold
    assert Order.objects.count() == STOCK
    assert sum(StockMovement.objects.filter(variant=medium).values_list("change", flat=True)) == -STOCK
    assert CartLine.objects.filter(variant=medium).count() == BUYERS - STOCK
