"""Merchandising reads: featured products with a best-seller fallback, and the stories that feature a product."""

import datetime
from decimal import Decimal

import pytest

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.models import Order, OrderLine, ProductPage
from catalogue.selectors import best_sellers, featured_products, latest_stories, stories_featuring
from catalogue.tests.fixtures import add_product

pytestmark = pytest.mark.django_db


def sell(product, quantity, status=Order.Status.PAID):
    order = Order.objects.create(
        number=f"T-{Order.objects.count() + 1}",
        email="buyer@example.com",
        status=status,
        full_name="Bea Buyer",
        address_line1="1 High Street",
        city="Bristol",
        postcode="BS1 1AA",
        country="GB",
        shipping_method="standard",
        shipping_cost=Decimal("0"),
        payment_method="bank_transfer",
        subtotal=product.price * quantity,
        total=product.price * quantity,
        currency="EUR",
    )
    OrderLine.objects.create(
        order=order,
        product=product,
        product_title=product.title,
        sku=product.sku,
        unit_price=product.price,
        quantity=quantity,
        line_total=product.price * quantity,
    )


def card_ready(*products):
    """The picks as ProductChooserBlock hands them over (privacy annotated)."""
    ids = [product.pk for product in products]
    loaded = ProductPage.objects.with_privacy().in_bulk(ids)
    return [loaded[pk] for pk in ids]


@pytest.fixture
def shelf(knives):
    return {
        name: add_product(knives, image=False, title=name, stock=stock)
        for name, stock in [("Chef", 5), ("Paring", 5), ("Bread", 0), ("Santoku", 5), ("Cleaver", 5)]
    }


def titles(products):
    return [product.title for product in products]


def test_best_sellers_rank_by_units_sold_and_ignore_cancelled_orders(shelf):
    sell(shelf["Paring"], 3)
    sell(shelf["Santoku"], 2)
    sell(shelf["Santoku"], 2)
    sell(shelf["Cleaver"], 9, status=Order.Status.CANCELLED)

    ranked = best_sellers(limit=3)

    assert titles(ranked) == ["Santoku", "Paring", ranked[2].title]
    assert ranked[0].units_sold == 4 and ranked[1].units_sold == 3
    assert ranked[2].units_sold == 0  # the cancelled order counts for nothing


def test_best_sellers_leave_out_sold_out_and_unpublished_products(shelf):
    sell(shelf["Bread"], 10)
    sell(shelf["Chef"], 5)
    shelf["Chef"].unpublish()

    assert {"Bread", "Chef"}.isdisjoint(titles(best_sellers(limit=10)))


def test_units_sold_are_not_multiplied_by_reviews(shelf, shopper):
    from catalogue.factories import ReviewFactory
    from users.factories import UserFactory

    sell(shelf["Paring"], 2)
    for user in (shopper, UserFactory(), UserFactory()):
        ReviewFactory(product=shelf["Paring"], user=user, status="approved")

    assert best_sellers(limit=1)[0].units_sold == 2


def test_featured_products_are_the_editors_picks_in_their_order(shelf):
    picks = card_ready(shelf["Cleaver"], shelf["Chef"])

    assert titles(featured_products(picks, limit=4)) == ["Cleaver", "Chef"]


def test_picks_that_cannot_be_bought_are_skipped(shelf):
    shelf["Chef"].unpublish()
    picks = card_ready(shelf["Chef"], shelf["Bread"], shelf["Paring"])

    assert titles(featured_products(picks, limit=4)) == ["Paring"]


@pytest.mark.parametrize("picked", [[], ["Bread"]], ids=["none picked", "all picked sold out"])
def test_best_sellers_stand_in_when_no_pick_can_be_bought(shelf, picked):
    sell(shelf["Santoku"], 5)
    sell(shelf["Paring"], 1)

    shown = featured_products(card_ready(*(shelf[name] for name in picked)), limit=2)

    assert titles(shown) == ["Santoku", "Paring"]


def test_best_sellers_cost_the_same_queries_for_any_catalogue_size(knives, django_assert_num_queries):
    for n in range(12):
        add_product(knives, title=f"Knife {n}")
    # Products, their galleries with images, and the card renditions.
    with django_assert_num_queries(3):
        products = best_sellers(limit=8)
        [product.main_image for product in products]
    assert len(products) == 8


@pytest.fixture
def stories(home_page):
    return StoryIndexPageFactory(parent=home_page, slug="stories")


def story_with(index, product, title, days_ago=1, **fields):
    return StoryPageFactory(
        parent=index,
        title=title,
        date=datetime.date.today() - datetime.timedelta(days=days_ago),
        body__0__product__product=product,
        **fields,
    )


def test_stories_featuring_a_product_are_the_live_ones_that_embed_it_newest_first(shelf, stories):
    chef = shelf["Chef"]
    story_with(stories, chef, "Older story", days_ago=9)
    story_with(stories, chef, "Newer story", days_ago=2)
    story_with(stories, shelf["Paring"], "About another knife")
    story_with(stories, chef, "Draft story", live=False)

    assert titles(stories_featuring(chef)) == ["Newer story", "Older story"]
    assert stories_featuring(shelf["Santoku"]) == []


def test_stories_featuring_a_product_is_one_query_and_bounded(shelf, stories, django_assert_num_queries):
    for n in range(5):
        story_with(stories, shelf["Chef"], f"Story {n}", days_ago=n + 1)

    with django_assert_num_queries(1):
        found = stories_featuring(shelf["Chef"], limit=3)

    assert titles(found) == ["Story 0", "Story 1", "Story 2"]


def test_an_unpublished_story_stops_featuring_the_product(shelf, stories):
    story = story_with(stories, shelf["Chef"], "Soon gone")
    story.unpublish()

    assert stories_featuring(shelf["Chef"]) == []


def test_latest_stories_are_newest_first_and_limited(stories, shelf):
    for n in range(4):
        story_with(stories, shelf["Chef"], f"Story {n}", days_ago=n + 1)

    assert titles(latest_stories(2)) == ["Story 0", "Story 1"]
