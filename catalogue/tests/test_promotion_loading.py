"""The live promotions load in one query, alone or riding on a cold page's site query, with the same rules."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from catalogue.factories import BrandFactory
from catalogue.pricing import promotions
from catalogue.pricing.promotions import JSONList, live_promotions, ride_with_the_site
from catalogue.tests.fixtures import add_product, clear_caches
from catalogue.tests.pricing_builders import published_promotion


@pytest.fixture
def promotions_of_every_kind(kitchen, knives):
    brand = BrandFactory()
    products = [add_product(knives, image=False, title=f"Knife {n}") for n in range(3)]
    now = timezone.now().replace(microsecond=123456)
    made = {
        "by category": published_promotion(name="Kitchen", value="12.5", categories=[kitchen, knives]),
        "by brand and product": published_promotion(
            name="Mixed",
            kind="amount",
            value="7.25",
            brands=[brand],
            products=products[:2],
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=5),
        ),
        "not started": published_promotion(name="Later", value="30", starts_at=now + timedelta(days=1)),
    }
    published_promotion(
        name="Over", value="50", starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=1)
    )
    draft = published_promotion(name="Unpublished", value="50", products=products)
    draft.unpublish()
    return made, brand, products, now


def expected_rules(made, brand, products, kitchen, knives, now):
    return {
        made["by category"].pk: (
            "Kitchen",
            "percent",
            Decimal("12.50"),
            None,
            None,
            {kitchen.path, knives.path},
            set(),
            set(),
        ),
        made["by brand and product"].pk: (
            "Mixed",
            "amount",
            Decimal("7.25"),
            now - timedelta(hours=1),
            now + timedelta(hours=5),
            set(),
            {brand.pk},
            {products[0].pk, products[1].pk},
        ),
        made["not started"].pk: (
            "Later",
            "percent",
            Decimal("30.00"),
            now + timedelta(days=1),
            None,
            set(),
            set(),
            set(),
        ),
    }


def as_compared(rules):
    return {
        rule.pk: (
            rule.name,
            rule.kind,
            rule.value,
            rule.starts_at,
            rule.ends_at,
            set(rule.category_paths),
            set(rule.brand_ids),
            set(rule.product_ids),
        )
        for rule in rules
    }


@pytest.mark.django_db
def test_loaded_alone_in_one_query_with_every_target(promotions_of_every_kind, kitchen, knives):
    made, brand, products, now = promotions_of_every_kind
    clear_caches()
    with CaptureQueriesContext(connection) as queries:
        rules = live_promotions()
    assert len(queries) == 1
    assert as_compared(rules) == expected_rules(made, brand, products, kitchen, knives, now)
    assert all(rule.value.as_tuple().exponent == -2 for rule in rules)


@pytest.mark.django_db
def test_read_with_the_site_they_are_the_same_rules_and_kept(promotions_of_every_kind, kitchen, knives):
    made, brand, products, now = promotions_of_every_kind
    clear_caches()
    ride = ride_with_the_site()
    value = Site.objects.annotate(promotions=ride.expression).values_list("promotions", flat=True)[0]
    ride.receive(value)
    with CaptureQueriesContext(connection) as queries:
        rules = live_promotions()
    assert len(queries) == 0
    assert as_compared(rules) == expected_rules(made, brand, products, kitchen, knives, now)
    # Kept: a warm process asks nothing of the site query.
    assert ride_with_the_site() is None


@pytest.mark.django_db
def test_no_live_promotion_is_an_empty_list(db):
    clear_caches()
    value = Site.objects.annotate(
        promotions=JSONList(promotions._promotion_rows(timezone.now()))
    ).values_list("promotions", flat=True)[0]
    assert promotions._rules(value) == ()
