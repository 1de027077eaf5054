"""Confirmation senders in other threads: a real Celery worker, and racing senders on PostgreSQL.

The other threads see only committed rows, so these tests are transactional. Their
orders are built without a product (a transactional test's teardown empties the
page tree the data migrations made, and these tests run after another one's).
"""

import logging
import threading
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connection, connections
from django.db.models import F

from catalogue.models import Order
from catalogue.services.order_confirmations import order_confirmation_send
from catalogue.tasks import enqueue_order_confirmation, resend_unsent_confirmations, send_order_confirmation


def placed_order(email: str = "late@example.com") -> Order:
    return Order.objects.create(
        number=f"WS-{uuid.uuid4().hex[:8]}",
        email=email,
        full_name="Lee Late",
        address_line1="3 Side Street",
        city="York",
        postcode="YO1 1AA",
        country="GB",
        shipping_method="standard",
        shipping_cost=Decimal("4.95"),
        payment_method="invoice",
        subtotal=Decimal("10.00"),
        total=Decimal("14.95"),
        currency="EUR",
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


@pytest.mark.django_db(transaction=True)
def test_a_late_worker_sends_nothing_after_the_sweep_did(mailoutbox, broker_without_worker, settings):
    from mysite.celery import app

    order = placed_order()
    enqueue_order_confirmation(order.pk)  # what order_place does once the order is committed
    assert broker_without_worker() == 1 and not mailoutbox
    Order.objects.update(
        created_at=F("created_at") - settings.SHOP_CONFIRMATION_SWEEP_AFTER - timedelta(minutes=1)
    )
    assert resend_unsent_confirmations() == 1

    # The worker comes back and finally runs the task that was queued all along.
    assert run_queued_confirmations(app, expected=1) == [False]
    assert broker_without_worker() == 0
    assert [(m.to, m.subject) for m in mailoutbox] == [([order.email], f"Your order {order.number}")]


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_sent_first_leaves_the_sweep_nothing(mailoutbox, broker_without_worker, settings):
    from mysite.celery import app

    order = placed_order()
    enqueue_order_confirmation(order.pk)
    assert run_queued_confirmations(app, expected=1) == [True]
    Order.objects.update(
        created_at=F("created_at") - settings.SHOP_CONFIRMATION_SWEEP_AFTER - timedelta(minutes=1)
    )
    assert resend_unsent_confirmations() == 0
    assert [m.subject for m in mailoutbox] == [f"Your order {order.number}"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_senders_send_each_order_exactly_once(mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking; SQLite serialises writers and proves nothing")
    senders, order_count = 4, 10
    orders = [placed_order(f"racer{n}@example.com") for n in range(order_count)]
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
