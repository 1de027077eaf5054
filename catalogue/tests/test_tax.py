"""Tax: rates per tax class, prices with or without tax, tax lines stored on orders and shown on invoices."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalogue.models import Cart, CartLine, Order
from catalogue.pricing import price_cart, price_for
from catalogue.pricing.tax import tax_included_in, tax_on
from catalogue.services.orders import order_place
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from catalogue.tests.pricing_builders import voucher
from catalogue.tests.test_orders import DETAILS

pytestmark = pytest.mark.django_db


def test_the_tax_inside_a_price_and_on_top_of_one():
    assert tax_included_in(Decimal("123.00"), Decimal("23")) == Decimal("23.00")
    assert tax_included_in(Decimal("9.99"), Decimal("13.5")) == Decimal("1.19")
    assert tax_on(Decimal("100.00"), Decimal("8.25")) == Decimal("8.25")
    assert tax_on(Decimal("0.05"), Decimal("23")) == Decimal("0.01")  # half up


def place(*products_and_quantities, **details):
    cart = Cart.objects.create()
    for product, quantity in products_and_quantities:
        CartLine.objects.create(cart=cart, product=product, quantity=quantity)
    return order_place(cart=cart, details=DETAILS.__class__(**{**DETAILS.__dict__, **details}))


def test_an_order_with_prices_including_vat_stores_the_vat_it_contains(knives):
    board = add_product(knives, image=False, price=Decimal("123.00"), tax_class="standard")
    book = add_product(knives, image=False, price=Decimal("11.35"), tax_class="reduced")
    order = place((board, 1), (book, 2), shipping_method="collect")
    lines = {(t.tax_class, t.rate, t.base, t.amount) for t in order.tax_lines.all()}
    assert lines == {
        ("standard", Decimal("23.00"), Decimal("100.00"), Decimal("23.00")),
        ("reduced", Decimal("13.50"), Decimal("20.00"), Decimal("2.70")),
    }
    assert order.prices_include_tax and order.tax_total == Decimal("25.70")
    # The tax is inside the prices: the total is what the lines add up to.
    assert order.total == order.subtotal == Decimal("145.70")


def test_an_order_with_prices_excluding_tax_adds_it_to_the_total(knives, settings):
    settings.SHOP_PRICES_INCLUDE_TAX = False
    board = add_product(knives, image=False, price=Decimal("100.00"))
    order = place((board, 1), shipping_method="express")
    goods, shipping = order.tax_lines.all()
    assert (goods.base, goods.amount, goods.on_shipping) == (Decimal("100.00"), Decimal("23.00"), False)
    # Shipping is taxed too, on top of its 12.50 (SHOP_SHIPPING_TAX_CLASS).
    assert (shipping.base, shipping.amount, shipping.on_shipping) == (Decimal("12.50"), Decimal("2.88"), True)
    assert not order.prices_include_tax and order.tax_total == Decimal("25.88")
    # subtotal + shipping + tax
    assert order.total == Decimal("100.00") + Decimal("12.50") + Decimal("23.00") + Decimal("2.88")


def test_a_voucher_discount_lowers_the_tax_in_proportion(knives):
    board = add_product(knives, image=False, price=Decimal("123.00"), tax_class="standard")
    bread = add_product(knives, image=False, price=Decimal("27.00"), tax_class="zero")
    voucher(code="HALF", value="50")
    order = place((board, 1), (bread, 1), voucher_code="HALF", shipping_method="collect")
    assert order.discount_total == Decimal("75.00")
    taxes = {t.tax_class: (t.base, t.amount) for t in order.tax_lines.all()}
    # Half of each class is discounted: 61.50 of standard-rate goods holds 11.50 VAT.
    assert taxes == {
        "standard": (Decimal("50.00"), Decimal("11.50")),
        "zero": (Decimal("13.50"), Decimal("0.00")),
    }
    assert order.total == Decimal("75.00")


def test_an_unknown_tax_class_is_charged_at_the_standard_rate(knives):
    product = add_product(knives, image=False, price=Decimal("123.00"))
    product.tax_class = "withdrawn"
    price = price_for(product)
    assert (price.tax_class, price.tax_rate) == ("standard", Decimal("23"))


def test_the_cart_total_adds_tax_only_when_prices_exclude_it(knives, settings):
    product = add_product(knives, image=False, price=Decimal("50.00"))
    line = CartLine(product=product, quantity=2)
    assert price_cart([line]).total == Decimal("100.00")
    settings.SHOP_PRICES_INCLUDE_TAX = False
    assert price_cart([line]).total == Decimal("123.00")


def test_the_product_page_says_whether_its_price_includes_tax(client, knives, settings):
    product = add_product(knives, price=Decimal("50.00"), tax_class="reduced")
    assert "Includes 13.5% VAT" in client.get(product.url).content.decode()
    settings.SHOP_PRICES_INCLUDE_TAX = False
    settings.PAGE_CACHE_SECONDS = 0
    assert "Plus 13.5% sales tax at checkout" in client.get(product.url).content.decode()


def test_invoices_show_the_tax_confirmation_detail_email_and_admin(
    client, admin_client, knives, shopper, django_capture_on_commit_callbacks
):
    from django.core import mail

    product = add_product(knives, image=False, price=Decimal("123.00"), stock=5)
    client.force_login(shopper)
    client.post("/cart/add/", {"product_id": product.pk})
    checkout = client.get("/checkout/").content.decode()
    assert "Includes Standard rate VAT 23%" in checkout
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/checkout/", GUEST_CHECKOUT)
    order = Order.objects.get()
    shown = "Includes Standard rate VAT 23% on €100.00"
    assert (
        shown in client.get(reverse("catalogue:order_confirmation", args=[order.reference])).content.decode()
    )
    assert shown in client.get(reverse("catalogue:order_detail", args=[order.reference])).content.decode()
    assert f"{shown}: €23.00" in mail.outbox[0].body
    inspect = admin_client.get(
        reverse("catalogue_order_modeladmin_inspect", args=[order.pk])
    ).content.decode()
    assert shown in inspect and "€23.00" in inspect


def test_checkout_lists_sales_tax_above_the_total_when_prices_exclude_it(client, knives, settings):
    settings.SHOP_PRICES_INCLUDE_TAX = False
    product = add_product(knives, image=False, price=Decimal("100.00"))
    client.post("/cart/add/", {"product_id": product.pk})
    html = client.get("/checkout/").content.decode()
    assert '<div class="summary-tax"><dt>Standard rate VAT 23%</dt><dd>€23.00</dd></div>' in html
    # 100.00 ships free over 75.00; total = 100 + 23.
    assert "<dd data-summary-total>€123.00</dd>" in html
