"""Order history and detail under /accounts/orders/: the signed-in owner's alone."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from catalogue.models import Order
from catalogue.tests.conftest import add_product
from catalogue.tests.fixtures import GUEST_CHECKOUT
from catalogue.tests.test_cart import assert_private_and_not_page_cached
from users.factories import UserFactory


def place_order(client, knives, **details) -> Order:
    product = add_product(knives, title="Chef knife", price=Decimal("30.00"), stock=5, sku="CK-9")
    client.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "2"})
    client.post(reverse("catalogue:checkout"), {**GUEST_CHECKOUT, **details})
    return Order.objects.latest("created_at")


@pytest.fixture
def owner_client(client, db):
    client.force_login(UserFactory(email="owner@example.com"))
    return client


@pytest.mark.django_db
def test_history_links_each_order_to_its_detail(owner_client, knives):
    order = place_order(owner_client, knives)
    html = owner_client.get(reverse("catalogue:order_history")).content.decode()
    detail_url = reverse("catalogue:order_detail", args=[order.reference])
    assert f'href="{detail_url}">Order {order.number}</a>' in html


@pytest.mark.django_db
def test_the_owner_sees_lines_totals_and_address(owner_client, knives):
    order = place_order(owner_client, knives, country="FR")
    response = owner_client.get(reverse("catalogue:order_detail", args=[order.reference]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Order {order.number}" in html and "Chef knife" in html and "SKU CK-9" in html
    assert "2 × €30.00" in html and "€60.00" in html and "€64.95" in html
    assert "France" in html and "Grace Guest" in html
    assert_private_and_not_page_cached(
        owner_client, reverse("catalogue:order_detail", args=[order.reference])
    )


@pytest.mark.django_db
def test_another_account_gets_404_and_a_visitor_is_sent_to_sign_in(owner_client, knives):
    order = place_order(owner_client, knives)
    url = reverse("catalogue:order_detail", args=[order.reference])
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(url).status_code == 404
    visitor = Client().get(url)
    assert visitor.status_code == 302 and visitor["Location"].startswith(reverse("users:login"))


@pytest.mark.django_db
def test_a_guest_order_is_not_an_account_order_detail(client, knives):
    order = place_order(client, knives)  # as a guest
    client.force_login(UserFactory())
    assert client.get(reverse("catalogue:order_detail", args=[order.reference])).status_code == 404
    # Its confirmation still opens for the browser that placed it.
    assert client.get(reverse("catalogue:order_confirmation", args=[order.reference])).status_code == 200


@pytest.mark.django_db
def test_an_unknown_or_malformed_reference_is_404(owner_client):
    assert owner_client.get("/accounts/orders/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert owner_client.get("/accounts/orders/not-a-uuid/").status_code == 404
