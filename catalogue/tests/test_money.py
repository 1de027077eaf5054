"""One money format everywhere: home.money, the {% money %} tag, and every page and email that shows an amount."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from catalogue.models import Order
from catalogue.tests.conftest import add_product
from catalogue.tests.fixtures import GUEST_CHECKOUT
from home.money import format_money
from tests.html_checks import visible_text
from users.factories import UserFactory

AMOUNT = re.compile(r"\d[\d,.]*\d")


def amounts_not_in_shop_format(text: str) -> list[str]:
    """Each decimal amount in the text that is not written "€1,234.50" (the en_IE default)."""
    wrong = []
    for match in AMOUNT.finditer(text):
        if "." not in match.group():
            continue  # a count, a date, an order number
        if text[max(0, match.start() - 1) : match.start()] != "€" or not re.fullmatch(
            r"\d{1,3}(,\d{3})*\.\d{2}", match.group()
        ):
            wrong.append(text[max(0, match.start() - 8) : match.end() + 8])
    return wrong


def test_format_money_follows_the_shop_locale_and_currency(settings):
    assert format_money(Decimal("1234.5")) == "€1,234.50"
    assert format_money(Decimal("0")) == "€0.00"
    assert format_money(None) == ""
    settings.SHOP_LOCALE = "de_DE"
    assert format_money(Decimal("1234.5")) == "1.234,50\xa0€"
    settings.SHOP_LOCALE, settings.SHOP_CURRENCY = "en_GB", "GBP"
    assert format_money(Decimal("23.95")) == "£23.95"
    # An order keeps the currency it was placed in, whatever the shop uses today.
    assert format_money(Decimal("23.95"), "EUR") == "€23.95"


def test_the_money_tag_prints_the_one_format_and_takes_an_orders_currency():
    template = Template(
        "{% load catalogue_tags %}{% money amount %}|{% money amount 'USD' %}|{% money none %}"
    )
    assert template.render(Context({"amount": Decimal("23.95"), "none": None})) == "€23.95|US$23.95|"


@pytest.mark.django_db
def test_cart_checkout_confirmation_email_history_and_admin_write_money_one_way(
    client, knives, mailoutbox, django_capture_on_commit_callbacks
):
    shopper = UserFactory(email="buyer@example.com")
    client.force_login(shopper)
    product = add_product(knives, title="Chef knife", price=Decimal("1234.50"), stock=5)
    add_product(knives, title="Paring knife", price=Decimal("9.95"), stock=5)
    client.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "1"})
    pages = {
        "cart": client.get(reverse("catalogue:cart")),
        "checkout": client.get(reverse("catalogue:checkout")),
    }
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(reverse("catalogue:checkout"), {**GUEST_CHECKOUT, "shipping_method": "express"})
    order = Order.objects.get()
    pages["confirmation"] = client.get(placed["Location"])
    pages["history"] = client.get(reverse("catalogue:order_history"))
    pages["detail"] = client.get(reverse("catalogue:order_detail", args=[order.reference]))
    pages["dashboard"] = client.get(reverse("users:dashboard"))
    admin = Client()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    pages["admin order list"] = admin.get("/admin/catalogue/order/")
    pages["admin order"] = admin.get(f"/admin/catalogue/order/inspect/{order.pk}/")

    texts = {name: visible_text(response.content.decode()) for name, response in pages.items()}
    texts["email"] = mailoutbox[0].body
    for name, text in texts.items():
        assert pages.get(name) is None or pages[name].status_code == 200, name
        assert "€1,2" in text, f"{name} shows no amount"
        assert amounts_not_in_shop_format(text) == [], name
        assert "EUR" not in text, name
    # The express rate, in the summary and the delivery choices, and the total with it.
    assert "€12.50" in texts["checkout"] and "€1,247.00" in texts["checkout"]
    assert "€1,247.00" in texts["confirmation"] and "€1,247.00" in texts["email"]


def test_the_format_check_catches_the_old_formats():
    assert amounts_not_in_shop_format("Total 23.95 EUR") == ["Total 23.95 EUR"]
    assert amounts_not_in_shop_format("Total €1234.50") != []
    assert len(amounts_not_in_shop_format("Total €1,234.50 on 5.12")) == 1
    assert amounts_not_in_shop_format("Order WS-2026 · €23.95") == []


@pytest.mark.django_db
def test_another_shop_locale_changes_the_cart_and_checkout_format(client, knives, settings):
    settings.SHOP_LOCALE = "de_DE"
    product = add_product(knives, price=Decimal("1234.50"), stock=5)
    client.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "1"})
    assert "1.234,50\xa0€" in client.get(reverse("catalogue:cart")).content.decode()
    client.post(reverse("catalogue:cart_remove"), {"product_id": product.pk})
    cheap = add_product(knives, price=Decimal("12.50"), stock=5)
    client.post(reverse("catalogue:cart_add"), {"product_id": cheap.pk, "quantity": "1"})
    checkout = client.get(reverse("catalogue:checkout")).content.decode()
    assert "4,95\xa0€" in checkout and "17,45\xa0€" in checkout  # standard delivery, and the total
