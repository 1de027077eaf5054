"""Countries: checkout starts on SHOP_COUNTRY, orders store the code, every page and email shows the name."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from catalogue.countries import country_choices, country_name
from catalogue.forms.checkout import CheckoutForm
from catalogue.models import Order
from catalogue.tests.conftest import add_product
from catalogue.tests.fixtures import GUEST_CHECKOUT
from users.factories import UserFactory


def selected_country(html: str) -> str:
    select = re.search(r'<select name="country".*?</select>', html, re.S).group()
    return re.search(r'<option value="(\w+)" selected>', select).group(1)


def test_country_names_come_from_the_shop_locale(settings):
    assert country_name("GB") == "United Kingdom"
    assert country_name("de") == "Germany"
    assert country_name("XX") == "XX"  # an unknown code stays readable rather than failing
    settings.SHOP_LOCALE = "de_DE"
    assert country_name("DE") == "Deutschland"


def test_choices_are_named_sorted_and_always_hold_the_default(settings):
    settings.SHOP_COUNTRIES = ["NL", "DE"]
    settings.SHOP_COUNTRY = "AT"
    assert country_choices() == [("AT", "Austria"), ("DE", "Germany"), ("NL", "Netherlands")]


@pytest.mark.django_db
def test_checkout_starts_on_the_shops_country(client, knives, settings):
    product = add_product(knives, stock=5)
    client.post(reverse("catalogue:cart_add"), {"product_id": product.pk})
    assert settings.SHOP_COUNTRY == "IE" and settings.SHOP_CURRENCY == "EUR"
    html = client.get(reverse("catalogue:checkout")).content.decode()
    assert selected_country(html) == "IE"
    assert '<option value="GB">United Kingdom</option>' in html
    settings.SHOP_COUNTRY = "DE"
    assert selected_country(client.get(reverse("catalogue:checkout")).content.decode()) == "DE"


def test_a_country_outside_the_list_is_refused():
    form = CheckoutForm({**GUEST_CHECKOUT, "country": "US"}, subtotal=Decimal("10"))
    assert not form.is_valid() and "country" in form.errors


@pytest.mark.django_db
def test_orders_store_the_code_and_show_the_name(
    client, knives, mailoutbox, django_capture_on_commit_callbacks
):
    shopper = UserFactory()
    client.force_login(shopper)
    product = add_product(knives, stock=5)
    client.post(reverse("catalogue:cart_add"), {"product_id": product.pk})
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(reverse("catalogue:checkout"), {**GUEST_CHECKOUT, "country": "NL"})
    order = Order.objects.get()
    assert order.country == "NL"
    admin = Client()
    admin.force_login(UserFactory(is_superuser=True, is_staff=True))
    shown = {
        "confirmation": client.get(placed["Location"]).content.decode(),
        "detail": client.get(reverse("catalogue:order_detail", args=[order.reference])).content.decode(),
        "email": mailoutbox[0].body,
        "admin": admin.get(f"/admin/catalogue/order/inspect/{order.pk}/").content.decode(),
    }
    for name, text in shown.items():
        assert "Netherlands" in text, name
        assert not re.search(r"\bNL\b", text), name
