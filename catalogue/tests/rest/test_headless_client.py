"""The done-when check: a headless client browses, searches, fills a guest cart, signs in
(the cart merges), checks out and reads its order, through the API alone."""

import pytest
from rest_framework.test import APIClient

from catalogue.models import Order
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from users.factories import DEFAULT_PASSWORD, UserFactory


@pytest.fixture
def app():
    # An app: no cookies are relied on, everything goes by headers.
    return APIClient(enforce_csrf_checks=True)


@pytest.mark.django_db
def test_a_headless_client_shops_from_browsing_to_its_order(app, kitchen, knives):
    chef = add_product(knives, title="Chef knife", sku="KN-1", price="40.00", stock=5)
    add_product(knives, title="Bread knife", sku="KN-2", price="25.00", stock=5)
    board = add_product(kitchen, title="Oak board", sku="BO-1", price="30.00", stock=2)
    owner = UserFactory(email="ann@example.com", first_name="Ann")
    # The account already holds a board, so the merge has two lines to fold together.
    signed_in = APIClient()
    signed_in.force_authenticate(owner)
    signed_in.post("/api/v1/cart/lines/", {"product_id": board.pk, "quantity": 1}, format="json")

    tree = app.get("/api/v1/categories/").json()
    assert [(node["title"], [child["title"] for child in node["children"]]) for node in tree] == [
        ("Kitchen", ["Knives"])
    ]
    knives_id = tree[0]["children"][0]["id"]
    listing = app.get("/api/v1/products/", {"category": knives_id, "sort": "price_asc"}).json()
    assert [item["title"] for item in listing["results"]] == ["Bread knife", "Chef knife"]

    found = app.get("/api/v1/products/", {"q": "chef"}).json()
    assert [item["id"] for item in found["results"]] == [chef.pk]
    detail = app.get(f"/api/v1/products/{chef.pk}/").json()
    assert detail["category"]["title"] == "Knives" and detail["gallery"]

    added = app.post("/api/v1/cart/lines/", {"product_id": chef.pk, "quantity": 2}, format="json")
    assert added.status_code == 201
    token = added.json()["token"]
    app.credentials(HTTP_X_CART_TOKEN=token)
    cart = app.post("/api/v1/cart/lines/", {"product_id": board.pk, "quantity": 1}, format="json").json()
    assert (cart["item_count"], cart["subtotal"]) == (3, "110.00")

    session = app.post(
        "/api/v1/auth/login/", {"email": "ann@example.com", "password": DEFAULT_PASSWORD}, format="json"
    )
    assert session.status_code == 200
    app.credentials(HTTP_AUTHORIZATION=f"Token {session.json()['token']}")
    merged = app.get("/api/v1/cart/").json()
    assert merged["token"] is None
    assert {line["product"]["title"]: line["quantity"] for line in merged["lines"]} == {
        "Chef knife": 2,
        "Oak board": 2,
    }

    methods = app.get("/api/v1/checkout/shipping-methods/").json()
    assert {method["code"]: method["cost"] for method in methods}["standard"] == "0.00"  # over 75.00
    placed = app.post("/api/v1/checkout/", {**GUEST_CHECKOUT, "email": "ann@example.com"}, format="json")
    assert placed.status_code == 201, placed.json()
    order = placed.json()["order"]
    assert order["total"] == "140.00"
    assert "IBAN" in placed.json()["payment_instructions"]
    assert app.get("/api/v1/cart/").json()["lines"] == []

    history = app.get("/api/v1/account/orders/").json()
    assert [item["number"] for item in history["results"]] == [order["number"]]
    mine = app.get(f"/api/v1/account/orders/{order['reference']}/").json()
    assert [(line["product_title"], line["quantity"]) for line in mine["lines"]] == [
        ("Chef knife", 2),
        ("Oak board", 2),
    ]
    assert Order.objects.get(reference=order["reference"]).user == owner
