"""Variants through the storefront API: products list them, cart lines and orders name them."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from catalogue.models import CartLine, Order, ProductVariant
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product, add_variants


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def tee(knives):
    product = add_product(knives, title="Tee", sku="TE", price=Decimal("15.00"), stock=0)
    small, large = add_variants(
        product,
        {"sku": "TE-S", "size": "S", "stock": 3},
        {"sku": "TE-L", "size": "L", "price_override": Decimal("18.00"), "stock": 0},
    )
    product.refresh_from_db()
    return product, small, large


def add(api, body, token=None):
    headers = {"HTTP_X_CART_TOKEN": token} if token else {}
    return api.post("/api/v1/cart/lines/", body, format="json", **headers)


@pytest.mark.django_db
def test_a_product_lists_its_variants_and_its_from_price(api, tee):
    product, small, large = tee
    body = api.get(f"/api/v1/products/{product.pk}/").json()
    assert body["has_variants"] is True and body["price_from"] == "15.00"
    assert body["variants"] == [
        {
            "id": small.pk,
            "sku": "TE-S",
            "options": [{"name": "Size", "value": "S"}],
            "price": "15.00",
            "in_stock": True,
            "stock_state": "low_stock",
            "orderable_quantity": 3,
        },
        {
            "id": large.pk,
            "sku": "TE-L",
            "options": [{"name": "Size", "value": "L"}],
            "price": "18.00",
            "in_stock": False,
            "stock_state": "out_of_stock",
            "orderable_quantity": 0,
        },
    ]
    listed = api.get("/api/v1/products/").json()["results"]
    assert listed[0]["has_variants"] is True


@pytest.mark.django_db
def test_a_cart_line_names_its_variant_and_an_order_copies_it(api, tee):
    product, small, _ = tee
    response = add(api, {"product_id": product.pk, "variant_id": small.pk, "quantity": 2})
    assert response.status_code == 201
    line = response.json()["lines"][0]
    assert line["variant"] == {"id": small.pk, "sku": "TE-S", "options": [{"name": "Size", "value": "S"}]}
    assert line["unit_price"] == "15.00" and line["line_total"] == "30.00"
    token = response.json()["token"]
    placed = api.post("/api/v1/checkout/", GUEST_CHECKOUT, format="json", HTTP_X_CART_TOKEN=token)
    assert placed.status_code == 201, placed.content
    (order_line,) = placed.json()["order"]["lines"]
    assert (order_line["variant_id"], order_line["sku"], order_line["options"]) == (
        small.pk,
        "TE-S",
        "Size: S",
    )
    assert ProductVariant.objects.get(pk=small.pk).stock == 1
    assert Order.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "variant_id, status",
    [(None, 409), ("abc", 400), (-3, 400), (0, 400), (2**70, 400), (99999999, 409), (True, 400), ([1], 400)],
)
def test_a_missing_or_bad_variant_is_refused_cleanly(api, tee, variant_id, status):
    product, _, _ = tee
    body = {"product_id": product.pk, "quantity": 1}
    if variant_id is not None:
        body["variant_id"] = variant_id
    response = add(api, body)
    assert response.status_code == status, response.content
    assert "error" in response.json()
    assert not CartLine.objects.exists()


@pytest.mark.django_db
def test_another_products_variant_and_a_sold_out_one_are_refused(api, knives, tee):
    product, _, large = tee
    other = add_product(knives, title="Cap", sku="CP")
    (cap,) = add_variants(other, {"sku": "CP-1", "size": "One"})
    assert add(api, {"product_id": product.pk, "variant_id": cap.pk}).status_code == 409
    refused = add(api, {"product_id": product.pk, "variant_id": large.pk})
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == "Sorry, Tee (L) is sold out."


@pytest.mark.django_db
def test_a_posted_price_is_refused_not_used(api, tee):
    product, small, _ = tee
    response = add(api, {"product_id": product.pk, "variant_id": small.pk, "unit_price": "0.01"})
    assert response.status_code == 400
    assert not CartLine.objects.exists()


@pytest.mark.django_db
def test_a_variant_line_is_changed_and_removed_by_its_variant(api, tee):
    product, small, _ = tee
    token = add(api, {"product_id": product.pk, "variant_id": small.pk}).json()["token"]
    url = f"/api/v1/cart/lines/{product.pk}/"
    changed = api.patch(
        f"{url}?variant_id={small.pk}", {"quantity": 3}, format="json", HTTP_X_CART_TOKEN=token
    )
    assert changed.status_code == 200 and changed.json()["item_count"] == 3
    assert (
        api.patch(f"{url}?variant_id=zz", {"quantity": 1}, format="json", HTTP_X_CART_TOKEN=token).status_code
        == 400
    )
    # Without its variant the line is not this one.
    assert api.delete(url, HTTP_X_CART_TOKEN=token).status_code == 409
    assert api.delete(f"{url}?variant_id={small.pk}", HTTP_X_CART_TOKEN=token).json()["lines"] == []
