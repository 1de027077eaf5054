"""Faults a shop must survive: Redis gone, the broker gone (see catalogue/tests/test_orders.py), the database gone."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from catalogue.models import CartLine
from catalogue.tests.fixtures import add_product
from users.factories import DEFAULT_PASSWORD, UserFactory


@pytest.mark.django_db
def test_carts_and_logins_survive_a_redis_outage(unreachable_redis, knives):
    product = add_product(knives, stock=5)
    user = UserFactory(email="steady@example.com")
    shopper = Client()
    assert (
        shopper.post(
            reverse("users:login"), {"username": user.email, "password": DEFAULT_PASSWORD}
        ).status_code
        == 302
    )
    shopper.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "2"})
    # Sessions are cached_db: with the cache gone they are read from the database.
    cart = shopper.get(reverse("catalogue:cart"))
    assert cart.status_code == 200 and cart.context["item_count"] == 2
    assert cart.context["user"] == user
    assert CartLine.objects.get().quantity == 2
    assert shopper.get(product.url).status_code == 200
    assert shopper.get("/healthz").json()["cache"] == "degraded"


@pytest.mark.django_db
def test_pages_show_the_friendly_500_page_when_the_database_is_down(knives):
    url = add_product(knives).url
    client = Client(raise_request_exception=False)
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("server closed")):
        response = client.get(url)
        health = client.get("/healthz")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert health.status_code == 503
