"""The account area: a dashboard, and order history linked from every account page."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalogue.models import Order
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from catalogue.tests.test_cart import assert_private_and_not_page_cached

DASHBOARD = reverse("users:dashboard")
ORDERS = reverse("catalogue:order_history")


def order_twice(client, parent, count):
    product = add_product(parent, price=Decimal("10.00"), stock=20)
    for _ in range(count):
        client.post(reverse("catalogue:cart_add"), {"product_id": product.pk})
        client.post(reverse("catalogue:checkout"), GUEST_CHECKOUT)


@pytest.mark.django_db
def test_the_dashboard_needs_a_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response["Location"].startswith(reverse("users:login"))


@pytest.mark.django_db
def test_the_dashboard_links_orders_profile_password_and_sign_out(client, shopper):
    client.force_login(shopper)
    html = client.get(DASHBOARD).content.decode()
    assert f'href="{ORDERS}"' in html
    assert f'href="{reverse("users:profile")}"' in html
    assert f'href="{reverse("users:password_change")}"' in html
    assert f'<form method="post" action="{reverse("users:logout")}">' in html
    assert f'href="{DASHBOARD}" aria-current="page"' in html
    assert "No orders yet" in html
    assert_private_and_not_page_cached(client, DASHBOARD)


@pytest.mark.django_db
def test_the_dashboard_shows_the_three_latest_orders(client, shopper, home_page):
    from catalogue.factories import CategoryPageFactory

    category = CategoryPageFactory(parent=home_page, title="Things", slug="things")
    client.force_login(shopper)
    order_twice(client, category, 4)
    html = client.get(DASHBOARD).content.decode()
    numbers = list(Order.objects.order_by("-created_at").values_list("number", "reference"))
    for number, reference in numbers[:3]:
        assert f'href="{reverse("catalogue:order_detail", args=[reference])}">Order {number}</a>' in html
    assert f"Order {numbers[3][0]}<" not in html
    assert "€14.95" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "users:dashboard",
        "users:profile",
        "users:password_change",
        "users:password_change_done",
        "catalogue:order_history",
    ],
)
def test_every_account_page_links_the_order_history(client, shopper, url_name):
    client.force_login(shopper)
    response = client.get(reverse(url_name))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<nav class="account-nav" aria-label="Your account">' in html
    assert f'href="{ORDERS}"' in html
