"""Tax on shipping: the charge is taxed in SHOP_SHIPPING_TAX_CLASS, stored as a tax line of its own,
shown wherever the goods' tax is, and the order's total adds up in both tax modes."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from catalogue.models import Order
from catalogue.pricing.totals import price_cart
from catalogue.shipping import shipping_methods
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from catalogue.tests.pricing_builders import voucher

pytestmark = pytest.mark.django_db

EXPRESS = {**GUEST_CHECKOUT, "shipping_method": "express"}  # 12.50, never free


def order_through_checkout(client, product, django_capture_on_commit_callbacks, data=EXPRESS, add=True):
    if add:
        client.post("/cart/add/", {"product_id": product.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/checkout/", data)
    assert response.status_code == 302
    return Order.objects.get()


def adds_up(order):
    """subtotal − discount + shipping (+ tax when prices exclude it) is the total, and the lines make the tax."""
    lines = list(order.tax_lines.all())
    assert sum((line.amount for line in lines), Decimal(0)) == order.tax_total
    expected = order.subtotal - order.discount_total + order.shipping_cost
    if not order.prices_include_tax:
        expected += order.tax_total
    assert order.total == expected


def test_with_prices_including_vat_the_shipping_holds_its_vat_and_the_total_is_unchanged(
    client, knives, django_capture_on_commit_callbacks
):
    product = add_product(knives, image=False, price=Decimal("36.90"), tax_class="reduced")
    order = order_through_checkout(client, product, django_capture_on_commit_callbacks)
    goods, shipping = order.tax_lines.all()
    assert (goods.tax_class, goods.amount, goods.on_shipping) == ("reduced", Decimal("4.39"), False)
    # 12.50 with 23% VAT in it: 10.16 net, 2.34 VAT.
    assert (shipping.tax_class, shipping.base, shipping.amount, shipping.on_shipping) == (
        "standard",
        Decimal("10.16"),
        Decimal("2.34"),
        True,
    )
    assert shipping.label == "Standard rate VAT on shipping"
    assert order.total == Decimal("36.90") + Decimal("12.50")
    assert order.tax_total == Decimal("6.73")
    adds_up(order)


def test_with_prices_excluding_tax_the_shipping_tax_is_added_to_the_total(
    client, knives, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_PRICES_INCLUDE_TAX = False
    product = add_product(knives, image=False, price=Decimal("40.00"))
    voucher(code="FIVE", kind="amount", value="5.00")
    order = order_through_checkout(
        client, product, django_capture_on_commit_callbacks, data={**EXPRESS, "voucher_code": "five"}
    )
    goods, shipping = order.tax_lines.all()
    assert (goods.base, goods.amount) == (Decimal("35.00"), Decimal("8.05"))
    assert (shipping.base, shipping.amount) == (Decimal("12.50"), Decimal("2.88"))
    assert order.total == Decimal("35.00") + Decimal("12.50") + Decimal("8.05") + Decimal("2.88")
    adds_up(order)


def test_free_shipping_and_untaxed_shipping_have_no_shipping_tax_line(
    client, knives, settings, django_capture_on_commit_callbacks
):
    product = add_product(knives, image=False, price=Decimal("80.00"))
    # Standard delivery is free over 75.00.
    order = order_through_checkout(
        client,
        product,
        django_capture_on_commit_callbacks,
        data={**GUEST_CHECKOUT, "shipping_method": "standard"},
    )
    assert [line.on_shipping for line in order.tax_lines.all()] == [False]
    adds_up(order)

    settings.SHOP_SHIPPING_TAX_CLASS = ""
    settings.SHOP_PRICES_INCLUDE_TAX = False
    priced = price_cart([order.lines.get()], shipping_method=shipping_methods()["express"])
    assert [line.on_shipping for line in priced.tax_lines] == [False]
    assert priced.total == Decimal("80.00") + Decimal("12.50") + Decimal("18.40")


def test_shipping_is_taxed_in_the_class_the_settings_name(knives, settings):
    settings.SHOP_SHIPPING_TAX_CLASS = "reduced"
    settings.SHOP_PRICES_INCLUDE_TAX = False
    product = add_product(knives, image=False, price=Decimal("10.00"))
    from catalogue.models import CartLine

    priced = price_cart(
        [CartLine(product=product, quantity=1)], shipping_method=shipping_methods()["express"]
    )
    (shipping,) = [line for line in priced.tax_lines if line.on_shipping]
    assert (shipping.tax_class, shipping.rate, shipping.amount) == (
        "reduced",
        Decimal("13.5"),
        Decimal("1.69"),
    )


@pytest.mark.parametrize("include", [True, False])
def test_the_shipping_tax_shows_on_checkout_confirmation_detail_email_admin_and_api(
    client, admin_client, knives, shopper, settings, django_capture_on_commit_callbacks, include
):
    settings.SHOP_PRICES_INCLUDE_TAX = include
    product = add_product(knives, image=False, price=Decimal("20.00"), stock=5)
    client.force_login(shopper)
    client.post("/cart/add/", {"product_id": product.pk})
    checkout = client.get("/checkout/", {"shipping_method": "express"}).content.decode()
    prefix = "Includes " if include else ""
    assert f"{prefix}Standard rate VAT on shipping 23%" in checkout
    amount = "€2.34" if include else "€2.88"
    # Each method carries its own shipping tax, for the script that follows the chosen method.
    assert f'data-shipping-tax="{amount}"' in checkout and 'data-shipping-tax=""' in checkout
    order = order_through_checkout(client, product, django_capture_on_commit_callbacks, add=False)
    shipping = order.tax_lines.get(on_shipping=True)
    assert f"€{shipping.amount}" == amount
    pages = [
        client.get(reverse("catalogue:order_confirmation", args=[order.reference])).content.decode(),
        client.get(reverse("catalogue:order_detail", args=[order.reference])).content.decode(),
        admin_client.get(reverse("catalogue_order_modeladmin_inspect", args=[order.pk])).content.decode(),
        mail.outbox[0].body,
        mail.outbox[0].alternatives[0][0] if mail.outbox[0].alternatives else mail.outbox[0].body,
    ]
    for shown in pages:
        assert "Standard rate VAT on shipping" in shown and amount in shown
    api = client.get(f"/api/v1/account/orders/{order.reference}/")
    assert api.status_code == 200
    assert [(line["label"], line["on_shipping"]) for line in api.json()["tax_lines"]] == [
        ("Standard rate VAT", False),
        ("Standard rate VAT on shipping", True),
    ]
    adds_up(order)
