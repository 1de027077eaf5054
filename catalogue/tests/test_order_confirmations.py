"""Order confirmation emails go through an outbox: each is sent once, and none is lost with the broker."""

import socket
from datetime import timedelta
from importlib import import_module
from pathlib import Path
from smtplib import SMTPRecipientsRefused

import pytest
from django.apps import apps as django_apps
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db.models import F

from catalogue import migrations
from catalogue.models import Order
from catalogue.services.order_confirmations import order_confirmation_send
from catalogue.tasks import resend_unsent_confirmations, send_order_confirmation
from catalogue.tests.conftest import add_product
from catalogue.tests.test_checkout import ADDRESS, CHECKOUT, fill_cart
from catalogue.tests.test_orders import DETAILS, place

REFUSED = "refused@example.com"


class RefusingBackend(LocmemBackend):
    """A mail server that refuses one address, as SMTP does: with SMTPRecipientsRefused, an OSError."""

    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.to:
                raise SMTPRecipientsRefused({REFUSED: (550, b"No such user")})
        return super().send_messages(messages)


def elapse(minutes: float) -> None:
    """Let time pass for every order: move their creation back (and any sent mark with it)."""
    shift = timedelta(minutes=minutes)
    Order.objects.update(created_at=F("created_at") - shift)
    Order.objects.exclude(confirmation_sent_at=None).update(
        confirmation_sent_at=F("confirmation_sent_at") - shift
    )


def dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    """Real SMTP to a port nobody listens on: sending raises ConnectionRefusedError, an OSError."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", dead_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    def back_up():
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return back_up


def guest_checkout(client, product) -> Order:
    fill_cart(client, product)
    response = client.post(CHECKOUT, ADDRESS)
    assert response.status_code == 302
    return Order.objects.get(email=ADDRESS["email"])


@pytest.mark.django_db
def test_a_second_send_of_the_same_order_is_a_no_op(knives, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = place(add_product(knives, stock=5, image=False))
    assert len(mailoutbox) == 1
    order.refresh_from_db()
    assert order.confirmation_sent_at is not None

    # A retried or duplicated task, and a direct resend, all find the claim taken.
    assert send_order_confirmation.apply(args=[order.pk]).get() is False
    assert order_confirmation_send(order_id=order.pk) is False
    assert [m.subject for m in mailoutbox] == [f"Your order {order.number}"]


@pytest.mark.django_db
def test_an_smtp_failure_releases_the_claim_so_a_later_send_goes_out(knives, mailoutbox, smtp_down):
    order = place(add_product(knives, stock=5, image=False))  # no commit here: no task ran
    with pytest.raises(OSError):
        order_confirmation_send(order_id=order.pk)
    order.refresh_from_db()
    assert order.confirmation_sent_at is None

    smtp_down()  # the mail server is back
    assert order_confirmation_send(order_id=order.pk) is True
    assert [m.to for m in mailoutbox] == [[DETAILS.email]]
    order.refresh_from_db()
    assert order.confirmation_sent_at is not None


@pytest.mark.django_db
def test_the_sweep_sends_a_confirmation_whose_queued_task_was_lost(
    client, knives, mailoutbox, broker_without_worker, django_capture_on_commit_callbacks
):
    product = add_product(knives, stock=5, image=False)
    with django_capture_on_commit_callbacks(execute=True):
        order = guest_checkout(client, product)
    # The broker took the task; no worker will ever run it, and Redis keeps nothing on disk.
    assert broker_without_worker() == 1
    assert not mailoutbox

    assert resend_unsent_confirmations() == 0  # a healthy worker still has time
    elapse(minutes=6)
    assert resend_unsent_confirmations() == 1
    assert [(m.to, m.subject) for m in mailoutbox] == [([ADDRESS["email"]], f"Your order {order.number}")]
    assert resend_unsent_confirmations() == 0
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_the_sweep_leaves_fresh_sent_and_long_past_orders_alone(knives, mailoutbox, settings):
    product = add_product(knives, stock=20, image=False)
    long_past = place(product)
    elapse(minutes=60 * 24 * 4)
    sent = place(product)
    order_confirmation_send(order_id=sent.pk)
    elapse(minutes=10)
    fresh = place(product)
    elapse(minutes=settings.SHOP_CONFIRMATION_SWEEP_AFTER.total_seconds() / 60 - 1)
    mailoutbox.clear()

    assert resend_unsent_confirmations() == 0
    assert not mailoutbox
    assert Order.objects.get(pk=long_past.pk).confirmation_sent_at is None
    assert Order.objects.get(pk=fresh.pk).confirmation_sent_at is None
    elapse(minutes=2)
    assert resend_unsent_confirmations() == 1
    assert [m.subject for m in mailoutbox] == [f"Your order {fresh.number}"]


@pytest.mark.django_db
def test_the_sweep_sends_a_bounded_batch_oldest_first(knives, mailoutbox):
    from catalogue.services.order_confirmations import order_confirmations_resend_unsent

    product = add_product(knives, stock=20, image=False)
    orders = [place(product) for _ in range(3)]
    elapse(minutes=10)
    assert order_confirmations_resend_unsent(limit=2) == 2
    assert [m.subject for m in mailoutbox] == [f"Your order {o.number}" for o in orders[:2]]
    assert order_confirmations_resend_unsent(limit=2) == 1


@pytest.mark.django_db
def test_the_sweep_skips_an_order_it_cannot_send_and_sends_the_rest(knives, mailoutbox, settings):
    product = add_product(knives, stock=20, image=False)
    refused, accepted = place(product), place(product)
    elapse(minutes=10)
    Order.objects.filter(pk=refused.pk).update(email=REFUSED)
    settings.EMAIL_BACKEND = "catalogue.tests.test_order_confirmations.RefusingBackend"
    assert resend_unsent_confirmations() == 1
    assert [m.subject for m in mailoutbox] == [f"Your order {accepted.number}"]
    assert Order.objects.get(pk=refused.pk).confirmation_sent_at is None


@pytest.mark.django_db
def test_the_migration_marks_orders_placed_before_it_as_sent(knives):
    order = place(add_product(knives, stock=5, image=False))  # no commit here: unsent
    assert Order.objects.get(pk=order.pk).confirmation_sent_at is None
    (path,) = Path(migrations.__file__).parent.glob("*_order_confirmation_sent_at.py")
    migration = import_module(f"catalogue.migrations.{path.stem}")
    migration.mark_existing_orders_sent(django_apps, None)
    order.refresh_from_db()
    assert order.confirmation_sent_at == order.created_at


def test_beat_sweeps_unsent_confirmations_every_five_minutes(settings):
    from mysite.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["resend-unsent-confirmations"]
    assert entry["schedule"] == 5 * 60 and entry["options"]["expires"] < entry["schedule"]
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
