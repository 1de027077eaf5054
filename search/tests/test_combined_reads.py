"""Reads the search page combines into one query answer exactly what the separate reads did."""

from decimal import Decimal

import pytest
from django.http import Http404

from catalogue.factories import CategoryPageFactory, StoryIndexPageFactory, StoryPageFactory
from catalogue.tests.fixtures import add_product
from home.search_text import parse_query
from search.selectors import (
    ProductSearch,
    category_scope,
    page_results,
    paginate_search_or_404,
    private_sections_q,
    searchable,
)


@pytest.fixture
def pages(home_page, kitchen, knives):
    """More categories and stories mentioning "steel" than the page shows, some in the title."""
    stories = StoryIndexPageFactory(parent=home_page)
    for number in range(6):
        StoryPageFactory(
            parent=stories,
            title=f"Steel story {number}" if number % 2 else f"Story {number}",
            intro="steel " * (number + 1),
        )
        CategoryPageFactory(
            parent=kitchen,
            title=f"Steel shelf {number}" if number % 3 else f"Shelf {number}",
            intro="Carbon steel." if number % 2 else "Stainless steel, steel handles.",
        )
    return stories


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ["steel", "steel story", '"stainless steel"', "steel -carbon", "nothing-like-it"]
)
def test_categories_and_stories_in_one_query_are_each_search_best_first(
    pages, text, django_assert_num_queries
):
    query = parse_query(text)
    private = private_sections_q()
    from catalogue.models import CategoryPage, StoryPage

    expected = {
        key: [page.pk for page in searchable(model.objects.all(), private).search(query)[:4]]
        for key, model in (("categories", CategoryPage), ("stories", StoryPage))
    }

    with django_assert_num_queries(1):
        found = page_results(query, private)

    assert {key: [page.pk for page in found[key]] for key in found} == expected
    for page in found["categories"] + found["stories"]:
        assert page.url and page.title  # what the page shows of them is loaded


@pytest.mark.django_db
def test_results_page_and_total_come_from_one_query_and_a_page_past_the_end_is_a_404(
    knives, django_assert_num_queries
):
    for number in range(7):
        add_product(knives, title=f"Paring knife {number}", image=False, price=Decimal(10 + number))
    search = ProductSearch(query=parse_query("paring"), filters={"sort": "relevance"})

    with django_assert_num_queries(1):
        page = paginate_search_or_404(search.results, 2, 3)
    assert page.paginator.count == 7
    assert len(page.object_list) == 3
    whole = [product.pk for product in search.results]
    assert [product.pk for product in page.object_list] == whole[3:6]

    with pytest.raises(Http404):
        paginate_search_or_404(search.results, 4, 3)
    nothing = ProductSearch(query=parse_query("nothing-like-it"), filters={"sort": "relevance"})
    with django_assert_num_queries(1):
        empty = paginate_search_or_404(nothing.results, 1, 3)
    assert (empty.paginator.count, list(empty.object_list)) == (0, [])


@pytest.mark.django_db
def test_a_scope_and_the_category_above_it_load_in_one_query(
    kitchen, knives, home_page, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert category_scope(knives.pk) == (knives, kitchen)
    with django_assert_num_queries(1):
        assert category_scope(kitchen.pk) == (kitchen, None)  # the home page is not a category
    knives.unpublish()
    assert category_scope(knives.pk) == (None, None)
    assert category_scope(None) == (None, None)


@pytest.mark.django_db
def test_the_sidebar_is_one_query_with_its_labels_and_options(shelf, kitchen, knives, opinel, victorinox):
    from catalogue.models import ProductVariant

    ProductVariant.objects.create(page=shelf["santoku"], sku="KN-001-S", size="S", colour="Black", stock=2)
    search = ProductSearch(query=parse_query("knife"), filters={"sort": "relevance", "brand": "opinel"})

    counts = search.facet_counts()

    assert counts.brand_labels == {
        opinel.pk: ("Opinel", "opinel"),
        victorinox.pk: ("Victorinox", "victorinox"),
    }
    assert {path: label.title for path, label in counts.categories.items()} == {
        kitchen.path: "Kitchen",
        knives.path: "Knives",
        shelf["pan"].get_parent().path: "Cookware",
    }
    # Categories count the chosen brand's matches only; brands count under every other filter.
    assert counts.paths == {knives.path: 1}
    assert sorted(counts.brands.values()) == [1, 2]
    assert sorted(counts.option_rows) == [("S", "Black", "")]
