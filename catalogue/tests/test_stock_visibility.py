"""Which stock changes pages show, and so which ones must refresh cached pages."""

import pytest

from catalogue.services.stock import shows_on_pages
from catalogue.tests.fixtures import add_product


@pytest.fixture(autouse=True)
def limits(settings):
    settings.SHOP_MAX_LINE_QUANTITY = 20
    settings.SHOP_LOW_STOCK_THRESHOLD = 5


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (100, 99, False),  # "In stock", quantity up to 20 either way
        (21, 20, False),
        (20, 19, True),  # the quantity field now stops at 19
        (7, 6, True),
        (6, 5, True),  # now "Only 5 left"
        (1, 0, True),  # sold out
        (0, 30, True),  # back in stock
    ],
)
def test_a_change_shows_when_it_reaches_the_line_limit_the_low_count_or_zero(before, after, shown):
    assert shows_on_pages(before, after) is shown


@pytest.mark.django_db
def test_the_quantity_field_stops_at_the_stock_or_the_line_limit(client, knives):
    plenty, few = add_product(knives, stock=300), add_product(knives, stock=3)
    assert 'max="20"' in client.get(plenty.url).content.decode()
    assert 'max="3"' in client.get(few.url).content.decode()
