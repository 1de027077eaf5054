"""Two notifiers racing for one restock against PostgreSQL: each subscriber gets the alert exactly once."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from catalogue.models import BackInStockSubscription
from catalogue.services.stock import stock_adjust
from catalogue.services.stock_alerts import stock_alerts_notify
from catalogue.tests.fixtures import add_product

pytestmark = pytest.mark.postgres

NOTIFIERS = 4
SUBSCRIBERS = 30


# Serialized: the tests after it still find the migrations' rows (Site, root collection).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_restorable_database")
def test_racing_notifiers_send_each_alert_once(home_page, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent writers; SQLite serialises them and proves nothing")
    from catalogue.factories import CategoryPageFactory

    category = CategoryPageFactory(parent=home_page, title="Race")
    product = add_product(category, image=False, stock=0)
    BackInStockSubscription.objects.bulk_create(
        BackInStockSubscription(product=product, email=f"s{n}@example.com") for n in range(SUBSCRIBERS)
    )
    # Committed (transactional test), so its own on-commit task has already run once:
    # forget that run, and race the notifiers over fresh claims.
    stock_adjust(product_id=product.pk, change=5)
    BackInStockSubscription.objects.update(notified_at=None)
    mail.outbox.clear()

    start = threading.Barrier(NOTIFIERS)
    sent = []

    def notify():
        try:
            start.wait()
            sent.append(stock_alerts_notify(product_id=product.pk, variant_id=None))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=notify) for _ in range(NOTIFIERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(sent) == SUBSCRIBERS
    recipients = sorted(email.to[0] for email in mail.outbox)
    assert recipients == sorted(f"s{n}@example.com" for n in range(SUBSCRIBERS))
    assert not BackInStockSubscription.objects.filter(notified_at__isnull=True).exists()
