"""SQL queries per search stay flat however many products match (cold cache, renditions already made)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from catalogue.factories import ReviewFactory
from catalogue.tests.fixtures import add_product
from search.services import search_record
from users.factories import UserFactory

# 21 measured: site and SEO settings, menu, private sections, promotions, the search and
# its count, product cards (3), two facets and their labels, categories, stories, and
# counting the hit (5, in a savepoint). None of them depends on the number of matches.
BUDGET = 22


def build(knives, cookware, count):
    reviewers = [UserFactory() for _ in range(3)]
    products = [
        add_product(knives if number % 2 else cookware, title=f"Steel knife {number}", stock=number % 4)
        for number in range(count)
    ]
    for product in products[:10]:
        for reviewer in reviewers:
            ReviewFactory(product=product, user=reviewer)
    return products


@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 300])
def test_search_page_budget(client, knives, cookware, size, django_assert_max_num_queries):
    build(knives, cookware, size)
    search_record(query_string="steel", result_count=size)  # the query exists: the usual case
    url = reverse("search")
    params = {"q": "steel knife"}
    client.get(url, params)  # makes the image renditions once, as any earlier visitor would
    cache.clear()

    with django_assert_max_num_queries(BUDGET):
        response = client.get(url, params)

    assert response.status_code == 200
    assert len(response.context["products"]) == 24
    assert response.context["page_obj"].paginator.count == size


@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 300])
def test_filtered_search_page_budget(client, knives, cookware, size, django_assert_max_num_queries):
    build(knives, cookware, size)
    url = reverse("search")
    params = {"q": "steel", "category": knives.pk, "in_stock": "1", "sort": "price_asc"}
    client.get(url, params)
    cache.clear()

    with django_assert_max_num_queries(BUDGET):
        response = client.get(url, params)

    assert response.status_code == 200
