"""Real concurrent shoppers against PostgreSQL: a voucher with 3 uses left is used exactly 3 times."""

import dataclasses
from decimal import Decimal

import pytest
from django.conf import settings

from catalogue.models import Cart, CartLine, Order, Voucher, VoucherRedemption
from catalogue.pricing.vouchers import VoucherError
from catalogue.services.orders import order_place
from catalogue.tests.fixtures import add_product
from catalogue.tests.pricing_builders import voucher
from catalogue.tests.races import checkouts, race, race_test, require_postgresql
from catalogue.tests.test_orders import DETAILS

pytestmark = race_test

SHOPPERS = 10
USES_LEFT = 3


@pytest.fixture
def race_category(db):
    """A category under the tree's root, made whether or not an earlier transactional test
    flushed the pages and site the migrations created (the stock race does)."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    from catalogue.factories import CategoryPageFactory

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    return CategoryPageFactory(parent=root, title="Race")


def test_ten_shoppers_race_for_a_voucher_with_three_uses_left(race_category):
    require_postgresql()
    category = race_category
    # Plenty of stock: the voucher is the only thing in short supply.
    product = add_product(category, image=False, stock=100, price=Decimal("40.00"))
    code = voucher(code="RACE", value="25", max_uses=10, times_used=10 - USES_LEFT, max_uses_per_customer=1)
    carts = []
    for _ in range(SHOPPERS):
        cart = Cart.objects.create()
        CartLine.objects.create(cart=cart, product=product, quantity=1)
        carts.append(cart)

    def buy(index, cart):
        details = dataclasses.replace(DETAILS, email=f"shopper{index}@example.com", voucher_code="race")
        order_place(cart=cart, details=details)
        return "ok"

    outcomes = race(
        [lambda i=i, cart=cart: buy(i, cart) for i, cart in enumerate(carts)], refused=(VoucherError,)
    )

    assert outcomes.count("ok") == USES_LEFT
    assert outcomes.count("refused") == SHOPPERS - USES_LEFT
    assert Voucher.objects.get(pk=code.pk).times_used == 10
    assert VoucherRedemption.objects.count() == USES_LEFT
    assert Order.objects.filter(voucher_code="RACE", discount_total=Decimal("10.00")).count() == USES_LEFT
    assert Order.objects.count() == USES_LEFT


def test_one_customer_racing_themselves_uses_a_once_per_customer_voucher_once(race_category):
    require_postgresql()
    category = race_category
    product = add_product(category, image=False, stock=100, price=Decimal("40.00"))
    voucher(code="ONCE", value="10", max_uses=None, max_uses_per_customer=1)
    carts = []
    for _ in range(5):
        cart = Cart.objects.create()
        CartLine.objects.create(cart=cart, product=product, quantity=1)
        carts.append(cart)
    details = dataclasses.replace(DETAILS, voucher_code="ONCE")
    outcomes = race(
        checkouts(carts, details),
        refused=(VoucherError,),
    )
    assert outcomes.count("ok") == 1
    assert VoucherRedemption.objects.count() == 1
