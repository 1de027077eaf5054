"""Card payments through django-payments' dummy gateway, driven through the real views.

The shopper checks out by card, lands on the gateway's page, submits it, and is sent
back through the signed callback; only that callback marks the order paid.
"""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from payments import PaymentStatus
from payments.core import provider_factory

from catalogue.models import Order, OrderStatusChange, Payment
from catalogue.tests.conftest import add_product
from catalogue.tests.test_checkout import ADDRESS, CHECKOUT, fill_cart

CARD = {**ADDRESS, "payment_method": "card"}
CONFIRMED = {"status": "confirmed", "fraud_status": "accept", "gateway_response": "3ds-disabled"}
REJECTED = {**CONFIRMED, "status": "rejected"}


def card_checkout(client, product) -> tuple[Order, object]:
    fill_cart(client, product)
    response = client.post(CHECKOUT, CARD)
    order = Order.objects.get(email=ADDRESS["email"])
    return order, response


def gateway_callback(client, order, data=CONFIRMED) -> str:
    """Submit the gateway's page; the signed callback URL it sends the browser to."""
    response = client.post(reverse("catalogue:order_pay", args=[order.reference]), data)
    assert response.status_code == 302
    return response["Location"]


def tampered(url: str, **changes) -> str:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query.update(changes)
    return parts._replace(query="&".join(f"{k}={v}" for k, v in query.items())).geturl()


@pytest.fixture
def knife(knives):
    return add_product(knives, title="Chef knife", price=Decimal("30.00"), stock=5, sku="CK-1", image=False)


@pytest.mark.django_db
def test_card_checkout_goes_to_the_gateway_and_the_callback_marks_the_order_paid(client, knife, mailoutbox):
    order, response = card_checkout(client, knife)
    assert response["Location"] == reverse("catalogue:order_pay", args=[order.reference])
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Pay for order" in page.content.decode()
    assert order.status == Order.Status.PENDING

    final = client.post(response["Location"], CONFIRMED, follow=True)

    hops = [url for url, _status in final.redirect_chain]
    assert urlsplit(hops[0]).path.startswith("/checkout/payments/")  # through the callback
    assert urlsplit(hops[-1]).path == reverse("catalogue:order_confirmation", args=[order.reference])
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert "Paid by card" in final.content.decode()
    payment = order.payments.get()
    assert (payment.status, payment.captured_amount) == (PaymentStatus.CONFIRMED, Decimal("34.95"))
    change = order.status_changes.get(to_status="paid")
    assert change.changed_by is None and "Card payment" in change.note


@pytest.mark.django_db
def test_submitting_the_gateway_page_alone_does_not_pay_the_order(client, knife):
    order, _ = card_checkout(client, knife)
    gateway_callback(client, order)  # the browser never arrives at the callback
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert order.payments.get().status == PaymentStatus.INPUT


@pytest.mark.django_db
def test_a_replayed_callback_changes_nothing(client, knife, mailoutbox, django_capture_on_commit_callbacks):
    order, _ = card_checkout(client, knife)
    callback = gateway_callback(client, order)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(callback).status_code == 302
    changes, mails = OrderStatusChange.objects.count(), len(mailoutbox)

    with django_capture_on_commit_callbacks(execute=True):
        replay = client.get(callback)

    assert replay.status_code == 302
    assert OrderStatusChange.objects.count() == changes
    assert len(mailoutbox) == mails
    order.refresh_from_db()
    assert order.status == Order.Status.PAID


@pytest.mark.django_db
def test_a_rejected_callback_keeps_the_order_pending_and_the_shopper_can_try_again(client, knife):
    order, _ = card_checkout(client, knife)
    result = client.get(gateway_callback(client, order, REJECTED), follow=True)
    assert result.redirect_chain[-1][0].endswith(reverse("catalogue:order_pay", args=[order.reference]))
    assert "did not go through" in result.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING

    client.get(gateway_callback(client, order, CONFIRMED))
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert sorted(order.payments.values_list("status", flat=True)) == ["confirmed", "rejected"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forgery",
    [
        {"signature": "0" * 64},
        {"signature": ""},
        {"amount": "0.01"},
        {"currency": "USD"},
        {"status": "waiting"},
    ],
    ids=["bad-signature", "no-signature", "changed-amount", "changed-currency", "changed-status"],
)
def test_forged_callbacks_are_refused_and_change_nothing(client, knife, forgery):
    order, _ = card_checkout(client, knife)
    callback = gateway_callback(client, order)

    response = client.get(tampered(callback, **forgery))

    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert order.payments.get().status == PaymentStatus.INPUT


@pytest.mark.django_db
def test_a_correctly_signed_callback_for_the_wrong_amount_is_refused(client, knife):
    """The gateway says the shopper paid a cent: signed, but not this payment's amount."""
    order, _ = card_checkout(client, knife)
    gateway_callback(client, order)
    payment = order.payments.get()
    provider = provider_factory(payment.variant, payment)
    cheap = provider.callback_url(payment, status="confirmed", amount=Decimal("0.01"))

    assert client.get(cheap).status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


@pytest.mark.django_db
def test_a_callback_for_an_unknown_payment_is_a_404(client, knife):
    order, _ = card_checkout(client, knife)
    callback = gateway_callback(client, order)
    unknown = callback.replace(str(order.payments.get().token), "00000000-0000-4000-8000-000000000000")
    assert client.get(unknown).status_code == 404
    assert client.get("/checkout/payments/not-a-token/").status_code == 404
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


@pytest.mark.django_db
def test_a_callback_for_a_cancelled_order_leaves_it_cancelled(client, knife, admin_user):
    from catalogue.services.orders import order_set_status

    order, _ = card_checkout(client, knife)
    callback = gateway_callback(client, order)
    order_set_status(order=order, status=Order.Status.CANCELLED, changed_by=admin_user)

    assert client.get(callback).status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED


@pytest.mark.django_db
def test_someone_elses_order_has_no_payment_page(client, knife):
    order, _ = card_checkout(client, knife)
    client.cookies.clear()
    assert client.get(reverse("catalogue:order_pay", args=[order.reference])).status_code == 404


@pytest.mark.django_db
def test_a_paid_or_offline_order_skips_the_payment_page(client, knife):
    fill_cart(client, knife)
    client.post(CHECKOUT, ADDRESS)
    order = Order.objects.get()
    response = client.get(reverse("catalogue:order_pay", args=[order.reference]))
    assert response["Location"] == reverse("catalogue:order_confirmation", args=[order.reference])
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_bad_gateway_form_input_is_a_400_page_not_a_500(client, knife):
    order, _ = card_checkout(client, knife)
    response = client.post(reverse("catalogue:order_pay", args=[order.reference]), {"status": "paid!!"})
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING


@pytest.mark.django_db
def test_offline_methods_still_go_straight_to_the_confirmation(client, knife):
    fill_cart(client, knife)
    response = client.post(CHECKOUT, {**ADDRESS, "payment_method": "invoice"})
    order = Order.objects.get()
    assert response["Location"] == reverse("catalogue:order_confirmation", args=[order.reference])
    assert order.status == Order.Status.PENDING


@pytest.mark.django_db
def test_without_a_card_gateway_checkout_offers_no_card(client, knife, settings):
    settings.SHOP_CARD_GATEWAY = ""
    fill_cart(client, knife)
    assert 'value="card"' not in client.get(CHECKOUT).content.decode()
    assert client.post(CHECKOUT, CARD).status_code == 400
    assert not Order.objects.exists()


@pytest.mark.django_db
@hsettings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    query=st.dictionaries(
        st.sampled_from(["status", "amount", "currency", "signature"]), st.text(max_size=40)
    )
)
def test_any_callback_query_is_refused_without_a_500(client, knife, query):
    order = Order.objects.filter(email=ADDRESS["email"]).first()
    if order is None:
        order, _ = card_checkout(client, knife)
        gateway_callback(client, order)
    payment = order.payments.get()
    response = client.get(reverse("catalogue:payment_callback", args=[payment.token]), query)
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.INPUT


# --- Stripe's webhook: the library's provider, its signature checked by the stripe SDK, offline.

WEBHOOK_SECRET = "whsec_test_secret"


@pytest.fixture
def stripe_gateway(settings):
    from payments import core

    settings.SHOP_CARD_GATEWAY = "stripe"
    settings.PAYMENT_VARIANTS = {
        **settings.PAYMENT_VARIANTS,
        "stripe": (
            "catalogue.payment_gateways.StripeProvider",
            {"api_key": "sk_test_unused", "endpoint_secret": WEBHOOK_SECRET},
        ),
    }
    # The library keeps one provider per variant; drop it so this configuration applies.
    core.PROVIDER_CACHE.pop("stripe", None)
    yield
    core.PROVIDER_CACHE.pop("stripe", None)


def stripe_event(payment, *, amount_cents: int, currency="eur", paid=True) -> bytes:
    import json

    session = {
        "id": "cs_test_1",
        "object": "checkout.session",
        "client_reference_id": payment.token,
        "amount_total": amount_cents,
        "currency": currency,
        "payment_status": "paid" if paid else "unpaid",
        "status": "complete",
    }
    event = {
        "id": "evt_1",
        "object": "event",
        "type": "checkout.session.completed",
        "data": {"object": session},
    }
    return json.dumps(event).encode()


def stripe_signature(payload: bytes, secret=WEBHOOK_SECRET) -> str:
    import hashlib
    import hmac
    import time

    timestamp = int(time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_webhook(client, payload: bytes, signature: str | None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client.post(
        reverse("catalogue:payment_webhook", args=["stripe"]),
        payload,
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def stripe_payment(client, knife, stripe_gateway):
    from catalogue.services.payments import card_payment_open

    order, response = card_checkout(client, knife)
    assert response["Location"] == reverse("catalogue:order_pay", args=[order.reference])
    # Opening the Stripe Checkout session needs Stripe's servers; the attempt it belongs to does not.
    return card_payment_open(order=order, variant="stripe")


@pytest.mark.django_db
def test_a_signed_stripe_webhook_marks_the_order_paid_once(client, stripe_payment, mailoutbox):
    payload = stripe_event(stripe_payment, amount_cents=3495)

    assert post_webhook(client, payload, stripe_signature(payload)).status_code == 200
    order = Order.objects.get()
    assert order.status == Order.Status.PAID
    changes = order.status_changes.count()

    assert post_webhook(client, payload, stripe_signature(payload)).status_code == 200  # Stripe retries
    assert order.status_changes.count() == changes


@pytest.mark.django_db
@pytest.mark.parametrize(
    "signature",
    [None, "t=1,v1=deadbeef", "garbage"],
    ids=["no-signature", "bad-signature", "malformed-signature"],
)
def test_stripe_webhooks_without_a_valid_signature_are_refused(client, stripe_payment, signature):
    payload = stripe_event(stripe_payment, amount_cents=3495)
    assert post_webhook(client, payload, signature).status_code == 400
    assert Order.objects.get().status == Order.Status.PENDING


@pytest.mark.django_db
def test_a_stripe_webhook_signed_with_another_secret_is_refused(client, stripe_payment):
    payload = stripe_event(stripe_payment, amount_cents=3495)
    assert post_webhook(client, payload, stripe_signature(payload, secret="whsec_other")).status_code == 400
    assert Order.objects.get().status == Order.Status.PENDING


@pytest.mark.django_db
@pytest.mark.parametrize("amount, currency", [(1, "eur"), (3495, "usd")], ids=["amount", "currency"])
def test_a_signed_stripe_webhook_for_the_wrong_amount_is_refused(client, stripe_payment, amount, currency):
    payload = stripe_event(stripe_payment, amount_cents=amount, currency=currency)
    assert post_webhook(client, payload, stripe_signature(payload)).status_code == 400
    assert Order.objects.get().status == Order.Status.PENDING
    stripe_payment.refresh_from_db()
    assert stripe_payment.status == PaymentStatus.WAITING


@pytest.mark.django_db
def test_a_signed_stripe_webhook_for_an_unknown_payment_is_a_404(client, stripe_payment):
    stripe_payment.token = "00000000-0000-4000-8000-000000000000"  # not saved: an order we never had
    payload = stripe_event(stripe_payment, amount_cents=3495)
    assert post_webhook(client, payload, stripe_signature(payload)).status_code == 404
    assert Order.objects.get().status == Order.Status.PENDING


@pytest.mark.django_db
def test_webhooks_for_a_gateway_that_is_not_switched_on_are_a_404(client, knife):
    assert post_webhook(client, b"{}", "t=1,v1=x").status_code == 404
    # The dummy is on, but answers per payment: it has no webhook URL.
    dummy = client.post(
        reverse("catalogue:payment_webhook", args=["dummy"]), b"{}", content_type="application/json"
    )
    assert dummy.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"data": null}'], ids=["not-json", "list", "no-data"])
def test_malformed_stripe_webhooks_are_refused_without_a_500(client, stripe_payment, body):
    assert post_webhook(client, body, stripe_signature(body)).status_code in (400, 404)
    assert Order.objects.get().status == Order.Status.PENDING
