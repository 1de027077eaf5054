"""The load script's page mix against two gunicorn workers: briefly, in CI, with no failed request.

The full run (32 connections, 60 s, 2,000 products) is ``bench/load_test.py``; its
numbers are in the README. This keeps the script and the site honest on every change.
"""

from decimal import Decimal
from urllib.parse import urlsplit

import pytest

from bench.load_test import MIX, run_load
from catalogue.models import CartLine
from catalogue.tests.fixtures import add_product

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_mixed_load_sees_no_errors_and_adds_to_carts(start_gunicorn, kitchen, knives):
    products = [
        add_product(knives, title=f"Chef knife {number}", price=Decimal("40.00"), stock=1000, image=False)
        for number in range(4)
    ] + [add_product(kitchen, title="Cast iron pan", stock=1000, image=False)]
    site = {
        "home": "/",
        "category": kitchen.url,
        "subcategory": knives.url,
        "products": [product.url for product in products],
        "product_ids": [product.pk for product in products],
    }
    address = urlsplit(start_gunicorn(workers=2))

    tally = run_load(address.hostname, address.port, site, connections=8, seconds=6)

    assert tally.total_server_errors == 0, dict(tally.server_errors)
    assert tally.total_errors == 0, dict(tally.errors)
    assert all(tally.latencies[kind] for kind in MIX), {kind: len(tally.latencies[kind]) for kind in MIX}
    assert CartLine.objects.filter(product__in=products).count() > 0
