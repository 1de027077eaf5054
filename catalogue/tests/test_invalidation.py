"""Each change drops exactly the cached pages that show it, driven by the real actions that make it."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.blocks import StreamValue

from catalogue.factories import (
    BrandFactory,
    CategoryPageFactory,
    ReviewFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from catalogue.models import StoryPage
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from home.serving.content_cache import flushes_after_commit


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def boards(kitchen):
    return CategoryPageFactory(parent=kitchen, title="Boards", slug="boards")


def warm(*urls):
    for url in urls:
        Client().get(url)


def cache_state(url) -> str:
    return Client().get(url)["X-Page-Cache"]


def assert_rebuilt(url, *, shows: str):
    """The change dropped the page: the next visitor gets a fresh render showing it."""
    page = Client().get(url)
    assert page["X-Page-Cache"] == "miss"
    assert shows in page.content.decode()


@pytest.mark.django_db
def test_publishing_a_product_leaves_other_product_pages_and_the_menu_cached(home_page, knives, boards):
    santoku = add_product(knives, title="Santoku")
    paring = add_product(knives, title="Paring knife")
    board = add_product(boards, title="Walnut board")
    warm(santoku.url, paring.url, knives.url, boards.url, board.url)

    board.short_description = "Now oiled twice."
    board.save_revision().publish()

    assert cache_state(santoku.url) == "hit"
    assert cache_state(paring.url) == "hit"
    assert cache_state(knives.url) == "hit"  # the board is not listed there
    assert cache_state(boards.url) == "miss"  # its listing shows the board
    assert_rebuilt(board.url, shows="Now oiled twice.")


@pytest.mark.django_db
def test_a_new_product_reaches_its_siblings_related_row_but_not_other_categories(knives, boards):
    santoku = add_product(knives, title="Santoku")
    board = add_product(boards, title="Walnut board")
    warm(santoku.url, board.url)

    bread = add_product(knives, title="Bread knife", live=False)
    bread.save_revision().publish()  # a new child of Knives goes live

    assert_rebuilt(santoku.url, shows="Bread knife")
    assert cache_state(board.url) == "hit"


@pytest.mark.django_db
def test_renaming_a_category_reaches_menus_everywhere(home_page, kitchen, knives, boards):
    board = add_product(boards, title="Walnut board")
    warm(board.url, "/")

    kitchen.title = "Cookware"
    kitchen.save_revision().publish()

    for url in (board.url, "/"):
        assert_rebuilt(url, shows="Cookware")


@pytest.mark.django_db
def test_selling_out_drops_the_product_its_cards_and_listings_not_the_whole_site(
    knives, boards, django_capture_on_commit_callbacks
):
    santoku = add_product(knives, title="Santoku", price=Decimal("40.00"), stock=1)
    paring = add_product(knives, title="Paring knife")  # its related row shows the santoku's card
    board = add_product(boards, title="Walnut board")
    warm(santoku.url, paring.url, knives.url, board.url)

    guest = Client()
    guest.post(reverse("catalogue:cart_add"), {"product_id": santoku.pk, "quantity": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        assert guest.post(reverse("catalogue:checkout"), GUEST_CHECKOUT).status_code == 302

    assert_rebuilt(santoku.url, shows="Sold out")
    assert cache_state(paring.url) == "miss"
    assert cache_state(knives.url) == "miss"
    assert cache_state(board.url) == "hit"


@pytest.mark.django_db
def test_approving_a_review_in_the_admin_drops_only_that_product(admin_client, knives, shopper):
    santoku = add_product(knives, title="Santoku")
    board = add_product(knives.get_parent(), title="Walnut board")
    review = ReviewFactory(product=santoku, user=shopper, status="pending", body="Holds an edge for weeks.")
    warm(santoku.url, board.url)

    edit_url = reverse("wagtailsnippets_catalogue_review:edit", args=[review.pk])
    admin_client.post(edit_url, {"status": "approved"})

    assert_rebuilt(santoku.url, shows="Holds an edge for weeks.")
    assert cache_state(board.url) == "hit"


@pytest.mark.django_db
def test_a_reviewer_renaming_themselves_drops_the_pages_showing_their_reviews(knives, shopper):
    santoku = add_product(knives, title="Santoku")
    board = add_product(knives.get_parent(), title="Walnut board")
    ReviewFactory(product=santoku, user=shopper, status="approved")
    assert "Sam," in Client().get(santoku.url).content.decode()
    warm(board.url)

    shopper.first_name = "Samira"
    shopper.save()

    assert_rebuilt(santoku.url, shows="Samira,")
    assert cache_state(board.url) == "hit"


@pytest.mark.django_db
def test_signing_in_does_not_count_as_a_name_change(knives, shopper):
    santoku = add_product(knives, title="Santoku")
    ReviewFactory(product=santoku, user=shopper, status="approved")
    warm(santoku.url)

    Client().force_login(shopper)  # writes last_login only

    assert cache_state(santoku.url) == "hit"


@pytest.mark.django_db
def test_renaming_a_tag_drops_the_product_pages_that_show_it(knives):
    santoku = add_product(knives, title="Santoku")
    santoku.tags.add("japanese")
    santoku.save_revision().publish()
    plain = add_product(knives.get_parent(), title="Walnut board")
    assert "japanese" in Client().get(santoku.url).content.decode()
    warm(plain.url)

    tag = santoku.tags.get()
    tag.name = "Japanese-style"
    tag.save()

    assert_rebuilt(santoku.url, shows="Japanese-style")
    assert cache_state(plain.url) == "hit"


@pytest.mark.django_db
def test_renaming_a_brand_drops_its_products_not_the_others(knives):
    brand = BrandFactory(name="Ostrich")
    santoku = add_product(knives, title="Santoku", brand=brand)
    board = add_product(knives.get_parent(), title="Walnut board")
    warm(santoku.url, board.url)

    brand.name = "Emu & Co"
    brand.save()

    assert_rebuilt(santoku.url, shows="Emu &amp; Co")
    assert cache_state(board.url) == "hit"


@pytest.mark.django_db
def test_a_story_newly_featuring_a_product_reaches_that_product_page(home_page, knives):
    santoku = add_product(knives, title="Santoku")
    other = add_product(knives.get_parent(), title="Walnut board")
    index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=index, title="Sharpening 101", date=datetime.date(2026, 1, 5))
    warm(santoku.url, other.url)

    story.body = StreamValue(
        StoryPage.body.field.stream_block, [("product", {"product": santoku, "note": "Pick"})]
    )
    story.save_revision().publish()

    assert_rebuilt(santoku.url, shows="Sharpening 101")
    assert cache_state(other.url) == "hit"


# Serialized: the tests after it still find the migrations' rows (Site, root collection).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_restorable_database")
def test_deleting_a_category_with_its_products_is_one_batch_after_the_commit(home_page, kitchen, knives):
    products = [add_product(knives, title=f"Knife {n}") for n in range(3)]
    board = add_product(kitchen, title="Walnut board")
    warm(products[0].url, board.url)

    before = flushes_after_commit()
    knives.delete()

    assert flushes_after_commit() == before + 1
    assert Client().get(products[0].url).status_code == 404
    assert cache_state(board.url) == "miss"  # its related row and breadcrumbs listed Knives


@pytest.mark.django_db
def test_a_publish_during_a_render_leaves_no_stale_entry(knives, monkeypatch):
    from home.serving import routing

    santoku = add_product(knives, title="Old title")
    real_serve = routing.wagtail_serve

    def serve_while_an_editor_publishes(request, path):
        response = real_serve(request, path)
        santoku.title = "New title"
        santoku.save_revision().publish()  # lands after this render read the page
        return response

    monkeypatch.setattr(routing, "wagtail_serve", serve_while_an_editor_publishes)
    assert "Old title" in Client().get(santoku.url).content.decode()
    monkeypatch.setattr(routing, "wagtail_serve", real_serve)
    assert_rebuilt(santoku.url, shows="New title")
