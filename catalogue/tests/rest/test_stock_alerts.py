"""Back-in-stock alerts through the storefront API: the same rules and messages as the product page's form."""

import pytest
from rest_framework.test import APIClient

from catalogue.models import BackInStockSubscription
from catalogue.tests.fixtures import add_apron_with_a_sold_out_size, add_product


@pytest.fixture
def apron(knives):
    return add_apron_with_a_sold_out_size(knives)


def url(product_id):
    return f"/api/v1/products/{product_id}/stock-alerts/"


@pytest.mark.django_db
def test_a_guest_subscribes_once_to_a_sold_out_variant(apron):
    product, _, large = apron
    api = APIClient()
    first = api.post(url(product.pk), {"email": "Ann@Example.com", "variant": large.pk}, format="json")
    again = api.post(url(product.pk), {"email": "ann@example.com", "variant": large.pk}, format="json")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json() == {
        "email": "ann@example.com",
        "variant": large.pk,
        "created": True,
        "message": "We will email ann@example.com once, when it is back.",
    }
    assert again.json()["created"] is False
    assert BackInStockSubscription.objects.get().variant == large


@pytest.mark.django_db
def test_a_signed_in_shopper_is_written_to_at_their_account_address(knives, shopper):
    pan = add_product(knives, image=False, stock=0)
    api = APIClient()
    api.force_authenticate(shopper)
    response = api.post(url(pan.pk), {}, format="json")
    assert response.status_code == 201
    subscription = BackInStockSubscription.objects.get()
    assert (subscription.email, subscription.user, subscription.variant) == (
        "shopper@example.com",
        shopper,
        None,
    )


@pytest.mark.django_db
def test_an_in_stock_variant_is_refused_with_the_forms_message(apron):
    product, medium, _ = apron
    response = APIClient().post(
        url(product.pk), {"email": "a@example.com", "variant": medium.pk}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "Good news: it is in stock, so you can order it now."
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email", "variant": "LARGE"},
        {"email": "a@example.com"},
        {"email": "a@example.com", "variant": 2**40},
        {"email": "a@example.com", "variant": "abc"},
        {"email": 5, "variant": "LARGE"},
        {"email": "a@example.com", "variant": "LARGE", "price": "0"},
        {"email": "x" * 10_000, "variant": "LARGE"},
        {"variant": "LARGE"},
    ],
    ids=[
        "bad email",
        "no variant",
        "huge id",
        "garbage id",
        "number email",
        "unknown field",
        "huge email",
        "guest no email",
    ],
)
def test_hostile_bodies_are_400_in_the_error_shape(apron, body):
    product, _, large = apron
    if body.get("variant") == "LARGE":
        body = {**body, "variant": large.pk}
    response = APIClient().post(url(product.pk), body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
def test_a_variant_of_another_product_is_refused(apron, knives):
    _, _, large = apron
    pan = add_product(knives, image=False, stock=0)
    response = APIClient().post(url(pan.pk), {"email": "a@example.com", "variant": large.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "non_field_errors": ["That option is not sold with this product."]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("product_id", ["abc", "0", "9" * 30, "99999"])
def test_unknown_products_are_404(db, product_id):
    assert APIClient().post(url(product_id), {"email": "a@example.com"}, format="json").status_code == 404


@pytest.mark.django_db
def test_signups_past_the_rate_are_429(settings, knives):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "stock_alert": "2/min",
        },
    }
    pan = add_product(knives, image=False, stock=0)
    api = APIClient()
    statuses = [
        api.post(
            url(pan.pk), {"email": f"n{n}@example.com"}, format="json", REMOTE_ADDR="198.51.100.9"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]
