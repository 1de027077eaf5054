"""The shopper's order emails, each from its real trigger: checkout, the payment callback,
and the admin's ship and cancel actions; HTML and text, in the editors' wording."""

import socket
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.urls import reverse

from catalogue.emails.models import EmailTemplate
from catalogue.models import Order, OrderStatusChange
from catalogue.tasks import resend_unsent_confirmations, send_order_status_email
from catalogue.tests.conftest import add_product
from catalogue.tests.test_card_payments import CARD, CONFIRMED
from catalogue.tests.test_checkout import ADDRESS, CHECKOUT, fill_cart

TRACKING = "https://tracking.example.com/parcel/ABC123?lang=en&x=1"


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.fixture
def knife(knives):
    return add_product(knives, title="Chef knife", price=Decimal("30.00"), stock=5, sku="CK-1", image=False)


@pytest.fixture
def placed(client, knife, mailoutbox, django_capture_on_commit_callbacks) -> Order:
    """A guest's bank-transfer order, its confirmation sent and cleared from the outbox."""
    fill_cart(client, knife)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHECKOUT, ADDRESS)
    mailoutbox.clear()
    return Order.objects.get()


def admin_status(admin_client, order, captured, **data):
    with captured(execute=True):
        return admin_client.post(reverse("catalogue_order_change_status", args=[order.pk]), data, follow=True)


@pytest.mark.django_db
def test_checkout_sends_the_confirmation_as_text_and_html(
    client, knife, mailoutbox, django_capture_on_commit_callbacks
):
    fill_cart(client, knife, 2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHECKOUT, ADDRESS)
    order = Order.objects.get()
    (email,) = mailoutbox
    assert email.subject == f"Your order {order.number}"
    assert "Hello Grace Guest," in email.body and "2 × Chef knife (CK-1)" in email.body
    assert "Total:    €64.95" in email.body and "IBAN" in email.body and "Bristol" in email.body
    html = html_of(email)
    assert "<p>Hello Grace Guest,</p>" in html and "Chef knife" in html and "€64.95" in html


@pytest.mark.django_db
def test_the_card_callback_sends_payment_received(
    client, knife, mailoutbox, django_capture_on_commit_callbacks
):
    fill_cart(client, knife)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHECKOUT, CARD)
    order = Order.objects.get()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("catalogue:order_pay", args=[order.reference]), CONFIRMED, follow=True)

    (email,) = mailoutbox
    assert email.subject == f"Payment received for order {order.number}"
    assert "payment of €34.95" in email.body and "1 × Chef knife" in email.body
    assert "payment of €34.95" in html_of(email)


@pytest.mark.django_db
def test_marking_shipped_in_the_admin_sends_the_tracking_link(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks
):
    admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="paid")
    mailoutbox.clear()

    admin_status(
        admin_client, placed, django_capture_on_commit_callbacks, status="shipped", tracking_url=TRACKING
    )

    placed.refresh_from_db()
    assert placed.status == "shipped" and placed.tracking_url == TRACKING
    (email,) = mailoutbox
    assert email.subject == f"Order {placed.number} is on its way"
    assert f"Track your parcel: {TRACKING}" in email.body
    assert 'href="https://tracking.example.com/parcel/ABC123?lang=en&amp;x=1"' in html_of(email)
    inspect = admin_client.get(
        reverse("catalogue_order_modeladmin_inspect", args=[placed.pk])
    ).content.decode()
    assert "tracking.example.com/parcel/ABC123" in inspect


@pytest.mark.django_db
def test_shipping_without_a_tracking_link_sends_the_email_without_one(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks
):
    admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="paid")
    mailoutbox.clear()
    admin_status(
        admin_client, placed, django_capture_on_commit_callbacks, status="shipped", tracking_url="  "
    )
    (email,) = mailoutbox
    assert "Track your parcel" not in email.body and "Track your parcel" not in html_of(email)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "not a url", "ftp://example.com/x", "https://e.com/" + "x" * 600]
)
def test_a_bad_tracking_link_is_refused_and_the_order_stays_paid(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks, link
):
    admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="paid")
    mailoutbox.clear()

    page = admin_status(
        admin_client, placed, django_capture_on_commit_callbacks, status="shipped", tracking_url=link
    )

    assert page.status_code == 200 and "tracking link must be a web address" in page.content.decode()
    placed.refresh_from_db()
    assert placed.status == "paid" and placed.tracking_url == ""
    assert mailoutbox == []


@pytest.mark.django_db
def test_cancelling_in_the_admin_sends_the_cancellation(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks
):
    admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="cancelled")
    (email,) = mailoutbox
    assert email.subject == f"Order {placed.number} is cancelled"
    assert "has been cancelled" in email.body and "€34.95" in email.body
    assert "has been cancelled" in html_of(email)


@pytest.mark.django_db
def test_a_refused_status_change_sends_nothing(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks
):
    admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="completed")
    assert mailoutbox == []


@pytest.mark.django_db
def test_editors_wording_replaces_the_default(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks
):
    EmailTemplate.objects.create(
        kind="cancelled",
        subject="So sorry: {order_number} is off",
        intro="Dear {customer_name}, we had to cancel {order_number} ({order_total}).",
    )
    admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="cancelled")
    (email,) = mailoutbox
    assert email.subject == f"So sorry: {placed.number} is off"
    assert f"Dear Grace Guest, we had to cancel {placed.number} (€34.95)." in email.body
    # The closing was left empty: the shop's default stays.
    assert "Questions? Just reply to this email." in email.body


@pytest.mark.django_db
def test_wording_with_an_unknown_or_broken_placeholder_still_sends(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    # Saved past the admin's check, as wording from before a placeholder was retired would be.
    EmailTemplate.objects.create(
        kind="cancelled", subject="Cancelled {order_number}{retired}", intro="Hi {customer_name {  } {{x}} }"
    )
    admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="cancelled")
    (email,) = mailoutbox
    assert email.subject == f"Cancelled {placed.number}"
    assert "Hi {customer_name {  } {} }" in email.body
    assert "unknown placeholder {retired}" in caplog.text


@pytest.mark.django_db
def test_a_status_email_goes_out_once_however_often_its_task_runs(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks
):
    admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="paid")
    change = OrderStatusChange.objects.get(to_status="paid")
    assert len(mailoutbox) == 1 and change.email_sent_at is not None
    assert send_order_status_email.apply(args=[change.pk]).get() is False
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_sweep_sends_a_status_email_whose_task_was_lost(placed, mailoutbox):
    from catalogue.services.orders import order_set_status

    # No on-commit capture: the task was never queued, as if lost with Redis.
    order_set_status(order=placed, status="paid")
    assert mailoutbox == []
    assert resend_unsent_confirmations.apply().get() == 0  # too fresh: the worker's turn
    OrderStatusChange.objects.update(created_at=F("created_at") - timedelta(minutes=6))
    assert resend_unsent_confirmations.apply().get() == 1
    (email,) = mailoutbox
    assert email.subject == f"Payment received for order {placed.number}"


@pytest.fixture
def broker_down(settings):
    """Celery publishing to a Redis port nobody listens on, as when the broker has died.

    Connections are dropped the way the shared broker_without_worker fixture drops them.
    """
    from mysite.celery import app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, f"redis://127.0.0.1:{port}/0"
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.task_always_eager, app.conf.broker_url = previous
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db
def test_with_the_broker_down_the_status_email_is_sent_in_the_request(
    admin_client, placed, mailoutbox, django_capture_on_commit_callbacks, broker_down, caplog
):
    page = admin_status(admin_client, placed, django_capture_on_commit_callbacks, status="cancelled")
    assert page.status_code == 200
    (email,) = mailoutbox
    assert email.subject == f"Order {placed.number} is cancelled"
    assert "Broker unavailable" in caplog.text
    assert OrderStatusChange.objects.get(to_status="cancelled").email_sent_at is not None


@pytest.mark.django_db
def test_the_shoppers_order_page_links_the_tracking_once_shipped(
    client, knife, shopper, admin_client, django_capture_on_commit_callbacks
):
    from catalogue.services.orders import order_set_status

    client.force_login(shopper)
    fill_cart(client, knife)
    client.post(CHECKOUT, ADDRESS)
    order = Order.objects.get()
    detail = reverse("catalogue:order_detail", args=[order.reference])
    assert "Track your parcel" not in client.get(detail).content.decode()
    order_set_status(order=order, status="paid")
    admin_status(
        admin_client, order, django_capture_on_commit_callbacks, status="shipped", tracking_url=TRACKING
    )
    page = client.get(detail).content.decode()
    assert 'href="https://tracking.example.com/parcel/ABC123?lang=en&amp;x=1"' in page
