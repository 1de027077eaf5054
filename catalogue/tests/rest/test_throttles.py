"""Writes are rate-limited per user (guests by address) and per address; reads never are."""

import pytest
from rest_framework.test import APIClient

from catalogue.tests.fixtures import add_product
from users.factories import UserFactory


@pytest.fixture
def tight(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "cart_write": "2/min",
        },
    }


def add(api, product, address):
    return api.post("/api/v1/cart/lines/", {"product_id": product.pk}, format="json", REMOTE_ADDR=address)


@pytest.mark.django_db
def test_cart_writes_past_the_rate_answer_429_in_the_error_shape(tight, knives):
    product = add_product(knives, image=False, stock=20)
    api = APIClient()
    assert [add(api, product, "198.51.100.1").status_code for _ in range(3)] == [201, 201, 429]
    refused = add(api, product, "198.51.100.1")
    assert refused.json()["error"]["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert api.get("/api/v1/cart/", REMOTE_ADDR="198.51.100.1").status_code == 200  # reads are free
    assert add(api, product, "198.51.100.2").status_code == 201  # another address has its own count


@pytest.mark.django_db
def test_a_signed_in_user_is_counted_across_addresses(tight, knives):
    product = add_product(knives, image=False, stock=20)
    api = APIClient()
    api.force_authenticate(UserFactory())
    statuses = [add(api, product, f"198.51.100.{n}").status_code for n in range(1, 4)]
    assert statuses == [201, 201, 429]


@pytest.mark.django_db
def test_forwarded_for_is_ignored_without_a_trusted_proxy(tight, knives):
    product = add_product(knives, image=False, stock=20)
    api = APIClient()
    statuses = [
        api.post(
            "/api/v1/cart/lines/",
            {"product_id": product.pk},
            format="json",
            REMOTE_ADDR="198.51.100.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]
