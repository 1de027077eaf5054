"""Card payment through the storefront API: an app places the order, is handed the page where its
shopper pays, and the order is paid only by the gateway's verified callback, as in the browser."""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from payments import PaymentStatus
from rest_framework.test import APIClient

from catalogue.models import Order, Payment
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from users.factories import UserFactory

CARD = {**GUEST_CHECKOUT, "payment_method": "card"}
CONFIRMED = {"status": "confirmed", "fraud_status": "accept", "gateway_response": "3ds-disabled"}
REJECTED = {**CONFIRMED, "status": "rejected"}


@pytest.fixture
def app(knives):
    """An app, signed in by token, with a knife in its cart: no session, no cookies relied on."""
    product = add_product(knives, title="Chef knife", price="30.00", stock=5, image=False)
    api = APIClient(enforce_csrf_checks=True)
    api.force_authenticate(UserFactory(email="ann@example.com"))
    api.post("/api/v1/cart/lines/", {"product_id": product.pk}, format="json")
    return api


def place_by_card(app):
    placed = app.post("/api/v1/checkout/", CARD, format="json")
    assert placed.status_code == 201, placed.json()
    return placed.json()


def hand_off_path(body) -> str:
    return urlsplit(body["payment"]["redirect_url"]).path


@pytest.mark.django_db
def test_the_api_lists_card_and_hands_a_card_order_its_payment_page(app):
    methods = [method["code"] for method in app.get("/api/v1/checkout/payment-methods/").json()]
    assert methods == ["invoice", "bank_transfer", "cash_on_delivery", "card"]
    body = place_by_card(app)
    order = Order.objects.get(reference=body["order"]["reference"])
    payment = order.payments.get()
    assert body["order"]["status"] == "pending" and order.status == Order.Status.PENDING
    assert body["payment"] == {
        "id": str(payment.token),
        "status": "input",  # the dummy gateway's form is open for the shopper
        "amount": "34.95",
        "currency": "EUR",
        "redirect_url": body["payment"]["redirect_url"],
    }
    assert payment.opened_by_api and payment.total == order.total
    assert hand_off_path(body) == reverse("catalogue:payment_hand_off", kwargs={"token": payment.token})


@pytest.mark.django_db
def test_the_shopper_pays_on_the_handed_page_and_only_the_callback_marks_the_order_paid(app, client):
    body = place_by_card(app)
    order = Order.objects.get(reference=body["order"]["reference"])
    # A browser or web view with no session of the shop's opens the page.
    page = client.get(hand_off_path(body))
    assert page.status_code == 200 and f"Pay for order {order.number}" in page.content.decode()
    assert "Pay later" not in page.content.decode()  # the order's page needs the app's session

    to_callback = client.post(hand_off_path(body), CONFIRMED)
    assert to_callback.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING  # submitting the gateway's page pays nothing

    back = client.get(to_callback["Location"], follow=True)
    assert urlsplit(back.redirect_chain[-1][0]).path == hand_off_path(body)  # not the session's pages
    assert "we have received your payment of €34.95" in back.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert app.get(f"/api/v1/account/orders/{order.reference}/").json()["status"] == "paid"

    # A replay changes nothing.
    changes = order.status_changes.count()
    assert client.get(to_callback["Location"]).status_code == 302
    assert order.status_changes.count() == changes


@pytest.mark.django_db
def test_a_rejected_payment_sends_the_shopper_to_a_new_attempt(app, client):
    body = place_by_card(app)
    callback = client.post(hand_off_path(body), REJECTED)["Location"]
    back = client.get(callback, follow=True)
    order = Order.objects.get(reference=body["order"]["reference"])
    fresh = order.payments.get(status__in=[PaymentStatus.WAITING, PaymentStatus.INPUT])
    assert urlsplit(back.redirect_chain[-1][0]).path == reverse(
        "catalogue:payment_hand_off", kwargs={"token": fresh.token}
    )
    assert "did not go through" in back.content.decode()
    assert order.status == Order.Status.PENDING


@pytest.mark.django_db
def test_a_forged_callback_for_an_api_payment_is_refused(app, client):
    body = place_by_card(app)
    callback = client.post(hand_off_path(body), CONFIRMED)["Location"]
    forged = callback.replace("amount=34.95", "amount=0.01")
    assert client.get(forged).status_code == 400
    assert Order.objects.get().status == Order.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["00000000-0000-4000-8000-000000000000", "not-a-token", "9" * 80])
def test_an_unknown_payment_page_is_a_404(client, token):
    assert client.get(f"/checkout/payments/{token}/pay/").status_code == 404


@pytest.mark.django_db
def test_a_browser_payment_has_no_token_page(client, knives):
    """Only attempts opened for an app are reachable by token; the shop's own need the session."""
    product = add_product(knives, price="30.00", stock=5, image=False)
    client.post("/cart/add/", {"product_id": product.pk})
    client.post("/checkout/", CARD)
    order = Order.objects.get()
    client.get(reverse("catalogue:order_pay", args=[order.reference]))
    payment = Payment.objects.get()
    assert not payment.opened_by_api
    assert (
        client.get(reverse("catalogue:payment_hand_off", kwargs={"token": payment.token})).status_code == 404
    )


@pytest.mark.django_db
def test_bad_gateway_input_on_the_handed_page_is_a_400_not_a_500(app, client):
    body = place_by_card(app)
    assert client.post(hand_off_path(body), {"status": "paid!!"}).status_code == 400
    assert client.post(hand_off_path(body), {"status": "x" * 5000}).status_code == 400


@pytest.mark.django_db
def test_without_a_gateway_the_api_refuses_card_cleanly(app, settings):
    settings.SHOP_CARD_GATEWAY = ""
    assert "card" not in [m["code"] for m in app.get("/api/v1/checkout/payment-methods/").json()]
    refused = app.post("/api/v1/checkout/", CARD, format="json")
    assert refused.status_code == 400
    assert list(refused.json()["error"]["fields"]) == ["payment_method"]
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_offline_orders_carry_no_payment(app):
    placed = app.post("/api/v1/checkout/", GUEST_CHECKOUT, format="json")
    assert placed.status_code == 201
    assert placed.json()["payment"] is None
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_a_closed_order_s_page_says_there_is_nothing_to_pay(app, client, admin_user):
    from catalogue.services.orders import order_set_status

    body = place_by_card(app)
    order = Order.objects.get()
    order_set_status(order=order, status=Order.Status.CANCELLED, changed_by=admin_user)
    page = client.get(hand_off_path(body))
    assert page.status_code == 200 and "nothing to pay" in page.content.decode()
    assert Decimal(body["payment"]["amount"]) == order.total
