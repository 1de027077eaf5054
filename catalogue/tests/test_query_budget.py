"""SQL queries per page stay flat as the catalogue grows (cold cache, renditions already made)."""

import pytest
from django.core.cache import cache
from wagtail.blocks import StreamValue

from catalogue.factories import BrandFactory, ReviewFactory
from catalogue.tests.fixtures import add_product, make_image
from users.factories import UserFactory

BUDGET = 12


@pytest.fixture(autouse=True)
def production_like(settings, knives):
    """Measure what production does on a miss: the page cache on (and storing), a hero image, brands."""
    settings.PAGE_CACHE_SECONDS = 600
    knives.hero_image = make_image("knives-hero")
    knives.save_revision().publish()


def build(knives, count):
    reviewers = [UserFactory() for _ in range(3)]
    # Pictures are shared: drawing 300 PNGs would test Pillow, not the query budget.
    pictures = [make_image(f"knife-{n}") for n in range(3)]
    brands = [BrandFactory() for _ in range(3)]
    products = [
        add_product(knives, image=pictures[n % 3], title=f"Knife {n}", stock=n % 4, brand=brands[n % 3])
        for n in range(count)
    ]
    for product in products[:10]:
        for reviewer in reviewers:
            ReviewFactory(product=product, user=reviewer, status="approved")
        product.tags.add("steel", "kitchen")
        product.save()
    return products


def warm_then_measure(client, url, django_assert_max_num_queries):
    client.get(url)  # makes the image renditions once, as any earlier visitor would
    cache.clear()  # cold: no page cache, no Wagtail caches
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 300])
def test_category_page_budget(client, kitchen, knives, size, django_assert_max_num_queries):
    build(knives, size)
    response = warm_then_measure(client, knives.url, django_assert_max_num_queries)
    assert len(response.context["products"]) == 24


@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 300])
def test_product_page_budget(client, kitchen, knives, size, django_assert_max_num_queries):
    products = build(knives, size)
    warm_then_measure(client, products[0].url, django_assert_max_num_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 300])
def test_home_page_budget(client, home_page, kitchen, knives, size, django_assert_max_num_queries):
    products = build(knives, size)
    home_page.body = StreamValue(
        home_page.body.stream_block,
        [
            ("hero", {"heading": "Welcome", "text": "Hello", "link_page": kitchen}),
            ("featured_pages", {"heading": "Shop by category", "pages": [kitchen, knives]}),
        ]
        + [("product", {"product": product, "note": ""}) for product in products[:6]],
    )
    home_page.save_revision().publish()
    response = warm_then_measure(client, "/", django_assert_max_num_queries)
    assert response.content.decode().count('class="card product-card"') == 6
