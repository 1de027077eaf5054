"""/search/ caches its page of results and its facet counts per content generation, and never serves them stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from catalogue.models import ProductPage
from catalogue.tests.fixtures import add_product
from search import tasks

URL = reverse("search")


def titles(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return [product.title for product in response.context["products"]]


def index_queries(client, **params) -> int:
    """Queries that read the search index during one request."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return sum("indexentry" in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_a_repeated_search_reads_its_results_and_facets_from_the_cache(client, shelf):
    first = index_queries(client, q="knife", in_stock="1")
    again = index_queries(client, q="knife", in_stock="1")

    # Products, facets and the categories and stories beside them all come from the cache.
    assert again == 0
    assert first > again
    assert titles(client, q="knife", in_stock="1") == ["Santoku knife", "Frying pan"]
    # Another filter is another search.
    assert index_queries(client, q="knife") == first


@pytest.mark.django_db
def test_a_published_product_shows_in_a_search_cached_before(
    client, shelf, knives, django_capture_on_commit_callbacks
):
    assert titles(client, q="knife") == ["Bread knife", "Santoku knife", "Frying pan"]

    product = add_product(knives, title="Paring knife", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()

    assert "Paring knife" in titles(client, q="knife")


@pytest.mark.django_db
def test_the_reindex_after_publishing_refreshes_cached_searches(
    client, shelf, django_capture_on_commit_callbacks
):
    """Tags are indexed by the reindex that follows the commit, after the publish started a new generation."""
    assert titles(client, q="damascus") == []
    product = ProductPage.objects.get(pk=shelf["santoku"].pk)
    product.tags.add("damascus")
    product.save()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.reindex_pages([product.pk])

    assert titles(client, q="damascus") == ["Santoku knife"]


@pytest.mark.django_db
def test_a_new_view_restriction_hides_products_from_a_cached_search(client, shelf, knives):
    assert titles(client, q="knife") == ["Bread knife", "Santoku knife", "Frying pan"]

    PageViewRestriction.objects.create(page=knives, restriction_type=PageViewRestriction.LOGIN)

    assert titles(client, q="knife") == ["Frying pan"]
    facets = client.get(URL, {"q": "knife"}).context["brand_facets"]
    assert [(facet.label, facet.count) for facet in facets] == [("Victorinox", 1)]
