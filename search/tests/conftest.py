"""A small catalogue to search: two top-level categories, three shelves, two brands."""

from decimal import Decimal

import pytest

from catalogue.factories import BrandFactory, CategoryPageFactory
from catalogue.tests.fixtures import add_product
from search.hit_counts import local_hits


@pytest.fixture(autouse=True)
def _no_counted_searches():
    """Searches counted in the process (no Redis) belong to the test that made them."""
    local_hits.take()
    yield
    local_hits.take()


@pytest.fixture
def opinel(db):
    return BrandFactory(name="Opinel", slug="opinel")


@pytest.fixture
def victorinox(db):
    return BrandFactory(name="Victorinox", slug="victorinox")


@pytest.fixture
def cookware(kitchen):
    return CategoryPageFactory(parent=kitchen, title="Cookware", slug="cookware")


@pytest.fixture
def garden(home_page):
    return CategoryPageFactory(parent=home_page, title="Garden", slug="garden", show_in_menus=True)


@pytest.fixture
def shelf(kitchen, knives, cookware, garden, opinel, victorinox):
    """Products with known words, prices, stock and brands, keyed by a short name."""
    return {
        "santoku": add_product(
            knives,
            title="Santoku knife",
            sku="KN-001",
            price=Decimal("80.00"),
            stock=5,
            brand=opinel,
            short_description="A Japanese all-rounder with a flat edge.",
        ),
        "bread": add_product(
            knives,
            title="Bread knife",
            sku="KN-002",
            price=Decimal("30.00"),
            stock=0,
            brand=victorinox,
            short_description="Serrated, for crusty loaves.",
        ),
        "pan": add_product(
            cookware,
            title="Frying pan",
            sku="CW-001",
            price=Decimal("55.00"),
            stock=12,
            brand=victorinox,
            short_description="Carbon steel pan that pairs well with a sharp knife.",
        ),
        "shears": add_product(
            garden,
            title="Pruning shears",
            sku="GD-001",
            price=Decimal("25.00"),
            stock=3,
            short_description="Bypass shears for roses.",
        ),
    }
