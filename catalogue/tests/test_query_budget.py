"""SQL queries per page stay flat as the catalogue grows (cold cache, renditions already made)."""

import pytest
from django.core.cache import cache
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from catalogue.factories import BrandFactory, ReviewFactory, StoryIndexPageFactory, StoryPageFactory
from catalogue.tests.fixtures import add_product, clear_caches, make_image
from users.factories import UserFactory

# 12, plus one for the live promotions every price needs (catalogue.pricing.promotions):
# read once per content generation, whatever the number of cards.
BUDGET = 13


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


def warm_then_measure(client, url, django_assert_max_num_queries, budget=BUDGET):
    client.get(url)  # makes the image renditions once, as any earlier visitor would
    clear_caches()  # cold: no page cache, no Wagtail caches
    with django_assert_max_num_queries(budget):
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
def test_product_page_budget_includes_the_stories_featuring_it(
    client, kitchen, knives, size, django_assert_max_num_queries
):
    products = build(knives, size)
    StoryPageFactory(
        parent=StoryIndexPageFactory(parent=knives.get_parent().get_parent(), slug="stories"),
        hero_image=make_image("story"),
        body__0__product__product=products[0],
    )
    response = warm_then_measure(client, products[0].url, django_assert_max_num_queries)
    assert response.content.decode().count('class="story-link"') == 1


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


# The merchandising home page (what load_demo_data builds): a hero over a picture, best
# sellers, category tiles over pictures and a stories rail. One loader fetches what all
# the blocks show together (catalogue.merchandising), so it keeps the budget of any page.
@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 300])
def test_merchandising_home_page_budget(
    client, home_page, kitchen, knives, size, django_assert_max_num_queries
):
    products = build(knives, size)
    stories = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    for n in range(4):
        StoryPageFactory(parent=stories, title=f"Story {n}", hero_image=make_image(f"story-{n}"))
    home_page.body = StreamValue(
        home_page.body.stream_block,
        [
            (
                "hero",
                {"heading": "Welcome", "text": "Hello", "image": make_image("hero"), "link_page": kitchen},
            ),
            # No picks: the best sellers fill the row.
            ("featured_products", {"heading": "Best sellers", "products": [], "limit": 4}),
            (
                "category_tiles",
                {"heading": "Shop by category", "tiles": [{"category": kitchen}, {"category": knives}]},
            ),
            ("latest_stories", {"heading": "Stories", "limit": 3}),
            # Every other block type a home page offers, loaded by the same loader.
            ("paragraph", RichText("<p>Made to last.</p>")),
            ("image", {"image": make_image("workshop"), "caption": "Our workshop"}),
            ("featured_pages", {"heading": "Browse", "pages": [kitchen, knives]}),
            ("product", {"product": products[1], "note": "Our pick"}),
            ("featured_products", {"heading": "Picks", "products": [products[2], products[3]], "limit": 4}),
        ],
    )
    home_page.save_revision().publish()
    client.get("/")
    cache.clear()
    with django_assert_max_num_queries(BUDGET):
        response = client.get("/")
    html = response.content.decode()
    # Four best sellers, one product block, and the two picks (both in stock).
    assert html.count('class="card product-card"') == 4 + 1 + 2
    assert html.count('class="card story-card"') == 3
    assert html.count('class="tile"') == 2
    assert "Our workshop" in html and "Made to last." in html
