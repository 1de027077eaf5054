"""Faults a shop must survive: Redis gone, the broker gone (see catalogue/tests/test_orders.py), the database gone.

Over real gunicorn servers, with Redis killed mid-traffic: tests/servers/test_faults.py.
"""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from catalogue.card_cache import render_cards
from catalogue.models import CartLine
from catalogue.tests.fixtures import add_product, make_image
from home.models import SeoSettings
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


@pytest.fixture
def failed_lookups(unreachable_redis):
    """The dead cache, and a check that a failed ``get_many`` still finds nothing.

    django-redis answers every failed ``get_many`` with the same dict object, shared by
    the whole process: code that writes into what it got back poisons every later
    failed lookup, Wagtail's renditions among them.
    """

    def still_empty() -> bool:
        return unreachable_redis.get_many(["page:any", "renditions:any"]) == {}

    assert still_empty()
    yield still_empty
    # A poisoned dict would fail every later test in this process; leave it clean.
    unreachable_redis.get_many(["page:any"]).clear()


@pytest.mark.django_db
def test_cards_rendered_while_redis_is_down_leave_later_failed_lookups_empty(failed_lookups, rf, knives):
    products = [add_product(knives, title=f"Paring knife {n}") for n in range(2)]

    html = render_cards(products, rf.get(knives.url))

    assert "Paring knife 0" in html and "Paring knife 1" in html
    assert failed_lookups()


@pytest.mark.django_db
def test_every_page_renders_while_redis_is_down_after_cards_were_rendered(failed_lookups, kitchen, knives):
    products = [add_product(knives, title=f"Bread knife {n}") for n in range(3)]
    # Pages without a sharing image of their own look the default's rendition up in the cache.
    SeoSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"default_og_image": make_image("Sharing")}
    )
    visitor = Client()
    # The listing renders cards first; later pages then look renditions up.
    pages = [knives.url, products[0].url, kitchen.url, "/", f"{reverse('search')}?q=knife", products[1].url]
    for url in pages:
        assert visitor.get(url).status_code == 200, url
    assert failed_lookups(), "a page wrote into the result of a failed cache lookup"
    assert "Bread knife 2" in visitor.get(knives.url).content.decode()
