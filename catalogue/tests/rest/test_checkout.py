"""Checkout, orders and reviews through the API, on order_place and review_submit."""

import pytest
from rest_framework.test import APIClient

from catalogue.factories import ReviewFactory
from catalogue.models import Order, ProductPage, Review
from catalogue.services.orders import CheckoutDetails, order_place
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from users.factories import UserFactory


def signed_in(user=None):
    api = APIClient()
    api.force_authenticate(user or UserFactory())
    return api


def checkout(api, headers=None, **changes):
    return api.post("/api/v1/checkout/", {**GUEST_CHECKOUT, **changes}, format="json", **(headers or {}))


@pytest.mark.django_db
def test_a_guest_checks_out_by_cart_token(knives):
    product = add_product(knives, image=False, stock=4, price="10.00")
    api = APIClient()
    token = api.post("/api/v1/cart/lines/", {"product_id": product.pk, "quantity": 3}, format="json").json()[
        "token"
    ]
    placed = checkout(api, {"HTTP_X_CART_TOKEN": token})
    assert placed.status_code == 201
    order = Order.objects.get(reference=placed.json()["order"]["reference"])
    assert (order.user, str(order.total), order.email) == (None, "34.95", "guest@example.com")
    assert ProductPage.objects.get(pk=product.pk).stock == 1


@pytest.mark.django_db
def test_checkout_never_oversells_and_leaves_the_cart_alone(knives):
    product = add_product(knives, image=False, title="Chef knife", stock=2)
    api = signed_in()
    api.post("/api/v1/cart/lines/", {"product_id": product.pk, "quantity": 2}, format="json")
    ProductPage.objects.filter(pk=product.pk).update(stock=1)  # someone else bought one meanwhile
    refused = checkout(api)
    assert refused.status_code == 409
    assert "not enough “Chef knife” left" in refused.json()["error"]["message"]
    assert api.get("/api/v1/cart/").json()["item_count"] == 2
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_checkout_with_an_empty_cart_is_refused():
    refused = checkout(APIClient())
    assert refused.status_code == 409
    assert refused.json()["error"]["message"] == "Your cart is empty."


@pytest.mark.django_db
def test_checkout_details_are_checked_by_the_checkout_form(knives):
    api = signed_in()
    response = checkout(api, full_name="   ", country="XX")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"full_name", "country"}
    response = checkout(api, payment_method="bitcoin")
    assert list(response.json()["error"]["fields"]) == ["payment_method"]


@pytest.mark.django_db
def test_shipping_costs_follow_the_cart(knives):
    product = add_product(knives, image=False, price="80.00", stock=3)
    api = signed_in()
    costs = {
        method["code"]: method["cost"] for method in api.get("/api/v1/checkout/shipping-methods/").json()
    }
    assert costs["standard"] == "4.95"
    api.post("/api/v1/cart/lines/", {"product_id": product.pk}, format="json")
    costs = {
        method["code"]: method["cost"] for method in api.get("/api/v1/checkout/shipping-methods/").json()
    }
    assert costs["standard"] == "0.00"
    payment = [method["code"] for method in api.get("/api/v1/checkout/payment-methods/").json()]
    assert payment == ["invoice", "bank_transfer", "cash_on_delivery", "card"]


def place_order_for(user, product) -> Order:
    from catalogue.models import Cart, CartLine

    cart = Cart.objects.create(user=user)
    CartLine.objects.create(cart=cart, product=product, quantity=1)
    return order_place(cart=cart, details=CheckoutDetails(**GUEST_CHECKOUT), user=user)


@pytest.mark.django_db
def test_orders_are_visible_to_their_owner_only(knives):
    product = add_product(knives, image=False, stock=5)
    owner, stranger = UserFactory(), UserFactory()
    order = place_order_for(owner, product)
    assert signed_in(owner).get(f"/api/v1/account/orders/{order.reference}/").status_code == 200
    other = signed_in(stranger)
    assert other.get(f"/api/v1/account/orders/{order.reference}/").status_code == 404
    assert other.get("/api/v1/account/orders/").json()["results"] == []
    assert other.get("/api/v1/account/orders/not-a-uuid/").status_code == 404


@pytest.mark.django_db
def test_orders_need_a_signed_in_shopper():
    response = APIClient().get("/api/v1/account/orders/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.django_db
def test_reviews_list_shows_approved_reviews_only(client, knives):
    product = add_product(knives, image=False)
    ReviewFactory(product=product, status="approved", body="Great")
    ReviewFactory(product=product, status="pending", body="Waiting")
    body = client.get(f"/api/v1/products/{product.pk}/reviews/").json()
    assert [review["body"] for review in body["results"]] == ["Great"]
    detail = client.get(f"/api/v1/products/{product.pk}/").json()
    assert detail["rating"]["count"] == 1


@pytest.mark.django_db
def test_a_review_is_submitted_for_moderation_once(knives):
    product = add_product(knives, image=False)
    api = signed_in()
    submitted = api.post(
        f"/api/v1/products/{product.pk}/reviews/", {"rating": 4, "body": "Sharp"}, format="json"
    )
    assert submitted.status_code == 201
    assert Review.objects.get(pk=submitted.json()["id"]).status == Review.Status.PENDING
    again = api.post(f"/api/v1/products/{product.pk}/reviews/", {"rating": 5, "body": "Again"}, format="json")
    assert again.json()["error"]["message"] == "You have already reviewed this product."


@pytest.mark.django_db
def test_a_review_follows_the_review_forms_rules(knives):
    product = add_product(knives, image=False)
    response = signed_in().post(
        f"/api/v1/products/{product.pk}/reviews/", {"rating": 3, "body": "   "}, format="json"
    )
    assert response.status_code == 400
    assert "body" in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_guests_cannot_review(knives):
    product = add_product(knives, image=False)
    response = APIClient().post(
        f"/api/v1/products/{product.pk}/reviews/", {"rating": 3, "body": "x"}, format="json"
    )
    assert response.status_code == 401
