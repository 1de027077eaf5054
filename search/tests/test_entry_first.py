"""PostgreSQL search answered from the index entries first: same results as modelsearch, fewer and cheaper queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from modelsearch.backends.database.postgres.postgres import PostgresSearchResults
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from catalogue.factories import CategoryPageFactory
from catalogue.tests.fixtures import add_product
from home.search_text import parse_query
from search.selectors import ProductSearch, category_in_scope, paginate_search_or_404, private_sections_q

QUERIES = ["knife", "steel", "steel knife", '"bread knife"', "opinel", "nothing-matches-this"]
# Filters, and how many products "knife" finds under them.
FILTERS = [
    ({"sort": "relevance"}, 9),  # three on the shelf, six paring blades; not the draft, not the staff knife
    ({"sort": "relevance", "in_stock": True}, 5),
    ({"sort": "relevance", "brand": "opinel"}, 7),
    ({"sort": "price_asc"}, 9),
    ({"sort": "newest", "min_price": Decimal("20")}, 3),
]


def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("the entry-first search is PostgreSQL's")


@pytest.fixture
def catalogue(shelf, kitchen, knives, opinel):
    """The shelf, plus products only a body word finds, a draft and a product in a private section."""
    for number in range(6):
        add_product(
            knives,
            title=f"Paring blade {number}",
            brand=opinel,
            stock=number % 2,
            price=Decimal(10 + number),
            short_description="A small steel knife for peeling.",
        )
    add_product(knives, title="Draft knife", live=False)
    private = CategoryPageFactory(parent=kitchen, title="Staff shop", slug="staff")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    add_product(private, title="Staff knife")
    return shelf


def answers(text: str, filters: dict, per_page: int = 4):
    search = ProductSearch(
        query=parse_query(text), filters=filters, category=category_in_scope(filters.get("category"))
    )
    pages = []
    number = 1
    while True:
        page = paginate_search_or_404(search.results, number, per_page)
        pages.append([product.pk for product in page.object_list])
        if not page.has_next():
            break
        number += 1
    return (
        page.paginator.count,
        pages,
        [(facet.value, facet.count) for facet in search.brand_facets()],
        [(facet.value, facet.count) for facet in search.category_facets().values],
    )


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize(("filters", "knives_found"), FILTERS)
def test_results_count_order_and_facets_match_modelsearch(catalogue, filters, knives_found, monkeypatch):
    needs_postgres()
    ours = {text: answers(text, filters) for text in QUERIES}
    monkeypatch.setattr(get_search_backend(), "results_class", PostgresSearchResults)
    theirs = {text: answers(text, filters) for text in QUERIES}

    assert ours == theirs
    assert ours["knife"][0] == knives_found


@pytest.mark.django_db
def test_a_title_match_ranks_above_a_body_match(catalogue):
    search = ProductSearch(query=parse_query("santoku"), filters={"sort": "relevance"})
    add_product(
        catalogue["santoku"].get_parent(), title="Honing rod", short_description="Keeps a santoku sharp."
    )

    page = paginate_search_or_404(search.results, 1, 24)

    assert [product.title for product in page.object_list] == ["Santoku knife", "Honing rod"]
    assert page.paginator.count == 2


@pytest.mark.django_db
def test_a_page_past_the_end_is_a_404_and_an_empty_search_has_one_page(catalogue):
    search = ProductSearch(query=parse_query("knife"), filters={"sort": "relevance"})
    with pytest.raises(Http404):
        paginate_search_or_404(search.results, 4, 4)

    nothing = ProductSearch(query=parse_query("nothing-matches-this"), filters={"sort": "relevance"})
    page = paginate_search_or_404(nothing.results, 1, 4)
    assert (page.paginator.count, list(page.object_list)) == (0, [])


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_page_with_its_count_and_both_facets_take_one_query_each(catalogue, django_assert_num_queries):
    needs_postgres()
    search = ProductSearch(
        query=parse_query("knife"), filters={"sort": "relevance"}, private=private_sections_q()
    )

    # The ranked page with the number of matches; ids are all the results load (only("id")).
    with django_assert_num_queries(1):
        page = paginate_search_or_404(search.results, 1, 4)
    assert page.paginator.count == 9

    # Matches per brand and category, with the brands' names and the categories' titles, in one query.
    with django_assert_num_queries(1):
        search.brand_facets()
    # The categories' counts and titles came with the brands'.
    with django_assert_num_queries(0):
        search.category_facets()
