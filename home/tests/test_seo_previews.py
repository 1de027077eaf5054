"""The search-result and share-card preview modes read the same data as the page's head tags."""

import datetime
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from catalogue.factories import ReviewFactory, StoryIndexPageFactory, StoryPageFactory
from catalogue.tests.conftest import add_product
from home.seo.meta import SNIPPET_DESCRIPTION_CHARS, SNIPPET_TITLE_CHARS, truncated
from users.factories import UserFactory

LONG_DESCRIPTION = (
    "A sharp, balanced chef's knife forged from high-carbon steel for everyday kitchen work, with a "
    "walnut handle that stays comfortable through a long evening of chopping onions and herbs."
)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def head_values(response) -> dict:
    """What a crawler reads from the live page's head."""
    head = soup_of(response).head

    def meta(**attrs):
        tag = head.find("meta", attrs=attrs)
        return tag["content"] if tag else ""

    return {
        "title": head.title.string,
        "description": meta(name="description"),
        "canonical": head.find("link", rel="canonical")["href"],
        "og_title": meta(property="og:title"),
        "og_description": meta(property="og:description"),
        "og_image": meta(property="og:image"),
    }


@pytest.fixture
def long_product(knives, shopper):
    product = add_product(
        knives,
        title="Forged walnut-handled chef knife with a twenty centimetre high-carbon blade",
        search_description=LONG_DESCRIPTION,
        price=Decimal("49.90"),
        stock=3,
    )
    ReviewFactory(product=product, user=shopper, rating=3, status="approved")
    ReviewFactory(product=product, user=UserFactory(), rating=5, status="approved")
    return product


@pytest.mark.django_db
def test_search_result_preview_matches_the_rendered_head_and_cuts_like_a_search_engine(client, long_product):
    head = head_values(client.get(long_product.url))
    preview = soup_of(long_product.make_preview_request(preview_mode="search"))

    title = preview.find(class_="search-result-title")
    description = preview.find(class_="search-result-description")
    assert title["title"] == head["title"]
    assert description["title"] == head["description"]
    assert preview.find(class_="search-result")["data-canonical"] == head["canonical"]
    # Both are longer than a result shows: cut at a word, with an ellipsis.
    assert title.string == truncated(head["title"], SNIPPET_TITLE_CHARS)
    assert len(title.string) <= SNIPPET_TITLE_CHARS and title.string.endswith("…")
    assert description.string == truncated(head["description"], SNIPPET_DESCRIPTION_CHARS)
    assert len(description.string) <= SNIPPET_DESCRIPTION_CHARS
    assert head["description"].startswith(description.string[:-1])


@pytest.mark.django_db
def test_search_result_preview_of_a_product_shows_price_availability_and_stars(long_product):
    preview = soup_of(long_product.make_preview_request(preview_mode="search"))
    assert preview.find(class_="search-result-price").string == "49.90 EUR"
    assert preview.find(class_="search-result-availability").string == "In stock"
    assert preview.find(class_="search-result-stars").string == "★★★★☆"
    assert "4.0 · 2 reviews" in preview.find(class_="search-result-rating").string
    assert "kitchen › knives" in preview.find(class_="search-result-url").string


@pytest.mark.django_db
def test_share_card_preview_matches_the_open_graph_tags(client, long_product):
    head = head_values(client.get(long_product.url))
    preview = soup_of(long_product.make_preview_request(preview_mode="social"))
    assert preview.find(class_="share-card-title")["title"] == head["og_title"]
    assert preview.find(class_="share-card-description")["title"] == head["og_description"]
    # The same rendition; only the host differs between the test client and a preview request.
    assert (
        urlsplit(preview.find("img", class_="share-card-image")["src"]).path
        == urlsplit(head["og_image"]).path
    )
    assert preview.find(class_="share-card-domain").string == "LOCALHOST"


@pytest.mark.django_db
def test_every_page_type_offers_both_seo_previews_without_losing_its_own(home_page, knives):
    product = add_product(knives)
    index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=index, title="Sharpening", date=datetime.date(2026, 1, 5))
    for page in (home_page, knives, product, index, story):
        modes = [mode for mode, _ in page.preview_modes]
        assert modes[0] == "" and {"search", "social"} <= set(modes)
        for mode in modes:
            response = page.make_preview_request(preview_mode=mode)
            assert response.status_code == 200, (page, mode)
    assert [mode for mode, _ in product.preview_modes] == ["", "card", "search", "social"]


@pytest.mark.django_db
def test_seo_previews_through_the_admin_need_edit_permission(client, knives):
    product = add_product(knives, title="Admin previewed knife")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[product.pk])
    client.force_login(UserFactory())
    assert b"search-result" not in client.get(url, {"mode": "search"}).content
