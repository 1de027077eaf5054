"""Prices that change with time or by publishing reach cached pages: nothing shows a stale price."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Promotion
from catalogue.pricing.boundaries import LAST_CHECK_KEY, prices_changed_since_last_check
from catalogue.tasks import expire_prices_at_boundaries
from catalogue.tests.fixtures import add_product
from catalogue.tests.pricing_builders import published_promotion
from home.serving.content_cache import content_generation

pytestmark = pytest.mark.django_db


def test_a_sale_starting_since_the_last_check_starts_a_new_content_generation(knives):
    now = timezone.now()
    add_product(
        knives,
        image=False,
        price=Decimal("40.00"),
        sale_price=Decimal("30.00"),
        sale_starts_at=now - timedelta(seconds=30),
    )
    cache.set(LAST_CHECK_KEY, now - timedelta(minutes=1), timeout=None)
    before = content_generation()
    assert prices_changed_since_last_check(now) is True
    assert content_generation() != before
    # Nothing crossed since: the generation stays.
    after = content_generation()
    assert expire_prices_at_boundaries.delay().get() is False
    assert content_generation() == after


def test_a_promotion_ending_since_the_last_check_starts_a_new_content_generation(knives):
    now = timezone.now()
    product = add_product(knives, image=False)
    published_promotion(products=[product], ends_at=now + timedelta(minutes=1))
    cache.set(LAST_CHECK_KEY, now, timeout=None)
    assert prices_changed_since_last_check(now + timedelta(seconds=30)) is False
    before = content_generation()
    assert prices_changed_since_last_check(now + timedelta(minutes=2)) is True
    assert content_generation() != before


def test_publishing_a_promotion_reprices_a_cached_page(client, knives, settings):
    settings.PAGE_CACHE_SECONDS = 600
    product = add_product(knives, price=Decimal("50.00"))
    assert "€50.00" in client.get(knives.url).content.decode()
    published_promotion(value="10", products=[product])
    html = client.get(knives.url).content.decode()
    assert "€45.00" in html


def test_the_promotion_preview_shows_the_products_it_covers_before_and_after(admin_client, knives):
    add_product(knives, title="Chef knife", image=False, price=Decimal("80.00"))
    url = reverse("wagtailsnippets_catalogue_promotion:preview_on_add")
    data = {
        "name": "Knife week",
        "kind": "percent",
        "value": "25",
        "starts_at": "",
        "ends_at": "",
        "categories": [str(knives.pk)],
    }
    assert admin_client.post(url, data).json()["is_valid"] is True
    html = admin_client.get(url).content.decode()
    assert "Chef knife" in html and "€80.00" in html and "€60.00" in html
    assert not Promotion.objects.exists()
