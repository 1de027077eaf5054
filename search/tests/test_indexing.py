"""What the index holds: every field shoppers search by, ranked title first."""

import pytest
from wagtail.models import PageViewRestriction
from wagtail.search import index

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.models import CategoryPage, ProductPage, StoryPage
from catalogue.tests.fixtures import add_product
from home.search_text import parse_query
from search.selectors import ProductSearch, page_results, private_sections_q

DEFAULT_FILTERS = {"sort": "relevance"}


def found(text, **filters):
    search = ProductSearch(query=parse_query(text), filters={**DEFAULT_FILTERS, **filters})
    return [product.title for product in search.results]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("santoku", "Santoku knife"),  # title
        ("KN-001", "Santoku knife"),  # SKU
        ("japanese", "Santoku knife"),  # short description
        ("loaves", "Bread knife"),  # short description
        ("opinel", "Santoku knife"),  # brand name
        ("roses", "Pruning shears"),  # short description
        ("garden", "Pruning shears"),  # category title
    ],
)
def test_products_are_found_by_every_indexed_field(shelf, text, title):
    assert title in found(text)


@pytest.mark.django_db
def test_products_are_found_by_tag_and_body_text(knives):
    product = add_product(
        knives,
        title="Nakiri",
        tags=["handmade"],
        body__0__paragraph__value="<p>Forged by hand in Seki.</p>",
    )
    # The factory commits the tags after saving the page (see test_freshness for publishing).
    index.insert_or_update_object(product)

    assert found("handmade") == ["Nakiri"]
    assert found("seki") == ["Nakiri"]


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_body_match(knives, cookware):
    # The pan mentions the word more often, in a shorter text: only the title weight puts the knife first.
    add_product(cookware, title="Frying pan", short_description="Santoku santoku santoku.")
    add_product(
        knives,
        title="Santoku",
        short_description="Japanese knife with a flat profile and a sheep's foot tip.",
    )

    assert found("santoku") == ["Santoku", "Frying pan"]


@pytest.mark.django_db
def test_a_quoted_phrase_must_match_in_order(knives):
    add_product(knives, title="Carbon steel santoku", short_description="Plain.")
    add_product(knives, title="Steel carbon santoku", short_description="Plain.")

    assert found('"carbon steel"') == ["Carbon steel santoku"]
    assert sorted(found("carbon steel")) == ["Carbon steel santoku", "Steel carbon santoku"]


@pytest.mark.django_db
def test_every_word_must_match(shelf):
    assert found("santoku japanese") == ["Santoku knife"]
    assert found("santoku roses") == []


@pytest.mark.django_db
def test_autocomplete_matches_the_start_of_title_words(shelf):
    products = ProductPage.objects.live().autocomplete("sant")

    assert [product.title for product in products] == ["Santoku knife"]


@pytest.mark.django_db
def test_drafts_and_private_products_are_not_found(shelf, knives):
    draft = add_product(knives, title="Draft santoku", live=False)
    hidden = add_product(knives, title="Members santoku")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    titles = found("santoku")

    assert "Santoku knife" in titles
    assert draft.title not in titles
    assert hidden.title not in titles


@pytest.mark.django_db
def test_stories_and_categories_are_searchable_as_their_own_results(home_page, shelf, knives):
    stories = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(
        parent=stories, title="How to sharpen a santoku", intro="Whetstones, angles and patience."
    )

    pages = page_results(parse_query("santoku"), private_sections_q())
    assert [story.title for story in pages["stories"]] == ["How to sharpen a santoku"]
    assert isinstance(pages["stories"][0], StoryPage)

    pages = page_results(parse_query("knives"), private_sections_q())
    assert [category.title for category in pages["categories"]] == ["Knives"]
    assert isinstance(pages["categories"][0], CategoryPage)


@pytest.mark.django_db
def test_bulk_indexing_reads_category_titles_without_a_query_per_product(
    knives, django_assert_max_num_queries
):
    for number in range(5):
        add_product(knives, title=f"Knife {number}", image=False)

    with django_assert_max_num_queries(3):
        titles = [product.category_title for product in ProductPage.get_indexed_objects()]

    assert titles == ["Knives"] * 5
