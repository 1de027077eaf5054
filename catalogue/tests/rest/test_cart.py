"""The cart through the API: the HTML cart's rules and messages, guest tokens, CSRF for sessions."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from catalogue.models import Cart
from catalogue.rest.carts import cart_token
from catalogue.tests.fixtures import add_product
from users.factories import UserFactory


@pytest.fixture
def api():
    return APIClient()


def add(api, product_id, quantity=1, **headers):
    return api.post(
        "/api/v1/cart/lines/", {"product_id": product_id, "quantity": quantity}, format="json", **headers
    )


@pytest.mark.django_db
def test_a_guest_cart_is_named_by_its_token_and_nothing_else(api, knives):
    product = add_product(knives, image=False, stock=5)
    token = add(api, product.pk).json()["token"]
    assert api.get("/api/v1/cart/", HTTP_X_CART_TOKEN=token).json()["item_count"] == 1
    assert api.get("/api/v1/cart/").json() == {
        "token": None,
        "lines": [],
        "item_count": 0,
        "subtotal": "0.00",
        "currency": settings.SHOP_CURRENCY,
    }
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert api.get("/api/v1/cart/", HTTP_X_CART_TOKEN=forged).json()["lines"] == []


@pytest.mark.django_db
def test_a_signed_in_shoppers_cart_cannot_be_reached_by_token(api, knives):
    cart = Cart.objects.create(user=UserFactory())
    assert api.get("/api/v1/cart/", HTTP_X_CART_TOKEN=cart_token(cart)).json()["lines"] == []


@pytest.mark.django_db
def test_adding_twice_adds_to_the_line_up_to_the_stock(api, knives):
    product = add_product(knives, image=False, title="Chef knife", stock=3)
    token = add(api, product.pk, 2).json()["token"]
    refused = add(api, product.pk, 2, HTTP_X_CART_TOKEN=token)
    assert refused.status_code == 409
    assert refused.json() == {
        "error": {"status": 409, "code": "refused", "message": "Sorry, only 3 of Chef knife left in stock."}
    }
    assert api.get("/api/v1/cart/", HTTP_X_CART_TOKEN=token).json()["item_count"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "quantity,message",
    [
        (0, "The quantity must be at least 1."),
        ("two", "Please enter a whole number of items, such as 1 or 2."),
        (1.5, "Please enter a whole number of items, such as 1 or 2."),
        (True, "Please enter a whole number of items, such as 1 or 2."),
        (999, "You can order at most 20 of one product."),
    ],
)
def test_bad_quantities_get_the_html_carts_messages(api, knives, settings, quantity, message):
    settings.SHOP_MAX_LINE_QUANTITY = 20
    product = add_product(knives, image=False)
    response = add(api, product.pk, quantity)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"quantity": [message]}


@pytest.mark.django_db
def test_a_sold_out_or_draft_product_cannot_be_added(api, knives):
    sold_out = add_product(knives, image=False, title="Gone", stock=0)
    draft = add_product(knives, image=False, live=False)
    assert add(api, sold_out.pk).json()["error"]["message"] == "Sorry, Gone is sold out."
    assert add(api, draft.pk).json()["error"]["message"] == "Sorry, that product is not available."


@pytest.mark.django_db
def test_lines_are_updated_and_removed(api, knives):
    product = add_product(knives, image=False, stock=10, price="5.00")
    token = add(api, product.pk).json()["token"]
    updated = api.patch(
        f"/api/v1/cart/lines/{product.pk}/", {"quantity": 4}, format="json", HTTP_X_CART_TOKEN=token
    )
    assert (updated.status_code, updated.json()["subtotal"]) == (200, "20.00")
    removed = api.delete(f"/api/v1/cart/lines/{product.pk}/", HTTP_X_CART_TOKEN=token)
    assert removed.json()["lines"] == []
    again = api.delete(f"/api/v1/cart/lines/{product.pk}/", HTTP_X_CART_TOKEN=token)
    assert again.json()["error"]["message"] == "That product is not in your cart."


@pytest.mark.django_db
def test_changing_a_line_without_a_cart_is_refused(api, knives):
    product = add_product(knives, image=False)
    response = api.patch(f"/api/v1/cart/lines/{product.pk}/", {"quantity": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["error"]["message"] == "Your cart is empty."


@pytest.mark.django_db
def test_a_session_client_must_send_the_csrf_token(knives):
    product = add_product(knives, image=False)
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(UserFactory())
    refused = add(browser, product.pk)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    secret = "k" * 32  # what the csrftoken cookie holds; the header may echo it unmasked
    browser.cookies["csrftoken"] = secret
    assert add(browser, product.pk, HTTP_X_CSRFTOKEN=secret).status_code == 201


@pytest.mark.django_db
def test_only_json_is_accepted(api, knives):
    product = add_product(knives, image=False)
    response = api.post("/api/v1/cart/lines/", {"product_id": product.pk, "quantity": 1})  # a form post
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.django_db
def test_a_session_shoppers_api_cart_is_their_html_cart(client, knives, shopper):
    product = add_product(knives, image=False, title="Chef knife")
    client.force_login(shopper)
    client.post("/cart/add/", {"product_id": product.pk, "quantity": 2})
    body = client.get("/api/v1/cart/").json()
    assert [(line["product"]["title"], line["quantity"]) for line in body["lines"]] == [("Chef knife", 2)]
