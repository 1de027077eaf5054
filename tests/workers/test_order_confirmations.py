"""Confirmation senders in other threads: a real Celery worker, and racing senders on PostgreSQL.

The other threads see only committed rows, so these tests are transactional, with
``serialized_rollback`` (like the browser and server tests) for the page tree.
"""

import logging
import threading
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection, connections
from django.db.models import F

from catalogue.models import Order
from catalogue.services.order_confirmations import order_confirmation_send
from catalogue.tasks import resend_unsent_confirmations, send_order_confirmation
from catalogue.tests.conftest import add_product
from catalogue.tests.test_checkout import ADDRESS, CHECKOUT, fill_cart
from catalogue.tests.test_orders import place

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module", autouse=True)
def _restored(_restorable_database):
    """The migrations' rows, restorable after an earlier transactional test emptied the database."""


def guest_checkout(client, product) -> Order:
    fill_cart(client, product)
    assert client.post(CHECKOUT, ADDRESS).status_code == 302
    return Order.objects.get(email=ADDRESS["email"])


def elapse_past_sweep_threshold(settings) -> None:
    Order.objects.update(
        created_at=F("created_at") - settings.SHOP_CONFIRMATION_SWEEP_AFTER - timedelta(minutes=1)
    )


def run_queued_confirmations(app, expected: int) -> list:
    """Start a real worker on the broker until it has run `expected` confirmation tasks; their results."""
    results, done = [], threading.Event()

    def on_postrun(sender=None, retval=None, **kwargs):
        if sender.name == send_order_confirmation.name:
            results.append(retval)
            if len(results) == expected:
                done.set()

    root = logging.getLogger()
    root_state = root.level, list(root.handlers)
    task_postrun.connect(on_postrun, weak=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1):
            assert done.wait(timeout=20), "the worker never ran the queued task"
    finally:
        task_postrun.disconnect(on_postrun)
        # The embedded worker sets up logging for the whole process; later tests read it.
        root.setLevel(root_state[0])
        root.handlers[:] = root_state[1]
    return results


def test_a_late_worker_sends_nothing_after_the_sweep_did(
    client, knives, mailoutbox, broker_without_worker, settings
):
    from mysite.celery import app

    order = guest_checkout(client, add_product(knives, stock=5, image=False))
    assert broker_without_worker() == 1 and not mailoutbox  # queued, and no worker to run it
    elapse_past_sweep_threshold(settings)
    assert resend_unsent_confirmations() == 1

    # The worker comes back and finally runs the task that was queued all along.
    assert run_queued_confirmations(app, expected=1) == [False]
    assert broker_without_worker() == 0
    assert [(m.to, m.subject) for m in mailoutbox] == [([ADDRESS["email"]], f"Your order {order.number}")]


def test_a_worker_that_sent_first_leaves_the_sweep_nothing(
    client, knives, mailoutbox, broker_without_worker, settings
):
    from mysite.celery import app

    order = guest_checkout(client, add_product(knives, stock=5, image=False))
    assert run_queued_confirmations(app, expected=1) == [True]
    elapse_past_sweep_threshold(settings)
    assert resend_unsent_confirmations() == 0
    assert [m.subject for m in mailoutbox] == [f"Your order {order.number}"]


@pytest.mark.postgres
def test_concurrent_senders_send_each_order_exactly_once(knives, mailoutbox, broker_without_worker):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking; SQLite serialises writers and proves nothing")
    senders, order_count = 4, 10
    product = add_product(knives, stock=order_count, image=False)
    orders = [place(product) for _ in range(order_count)]  # their tasks wait on the broker
    assert broker_without_worker() == order_count and not mailoutbox
    sent = []

    def send(order_id, start):
        try:
            start.wait()
            sent.append(order_confirmation_send(order_id=order_id))
        finally:
            connections.close_all()

    for order in orders:
        start = threading.Barrier(senders)
        threads = [threading.Thread(target=send, args=(order.pk, start)) for _ in range(senders)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sent.count(True) == order_count and sent.count(False) == order_count * (senders - 1)
    assert sorted(m.subject for m in mailoutbox) == sorted(f"Your order {o.number}" for o in orders)
