"""SQL queries per search stay flat however many products match, with every cache empty.

The search page is the one page still over the 12-query budget of the others (README,
Performance): what is pinned here is that it stays flat, and that its cards' renditions
were made when the pictures were saved, not by the search.
"""

import pytest
from django.urls import reverse

from catalogue.factories import ReviewFactory
from catalogue.tests.fixtures import add_product, make_image
from catalogue.tests.test_query_budget import cold_get
from home.models import SeoSettings
from search.services import search_record
from users.factories import UserFactory

# 21 measured on SQLite without Redis: site and SEO settings, menu, private sections,
# promotions, the search and its count, product cards (3), two facets and their labels,
# categories, stories, and counting the hit (5, in a savepoint; one Redis HINCRBY where
# Redis is configured, and PostgreSQL pages and counts, and counts both facets, in one
# query each), and the live price promotions (catalogue.pricing). None of them depends on
# the number of matches.
BUDGET = 23


def build(knives, cookware, count):
    # Wagtail creates the SEO settings row on its first read, once in a shop's life.
    SeoSettings.for_site(knives.get_site())
    reviewers = [UserFactory() for _ in range(3)]
    # Pictures are shared: drawing 300 would test Pillow, not the query budget.
    pictures = [make_image(f"steel-{n}") for n in range(3)]
    products = [
        add_product(
            knives if number % 2 else cookware,
            image=pictures[number % 3],
            title=f"Steel knife {number}",
            stock=number % 4,
        )
        for number in range(count)
    ]
    for product in products[:10]:
        for reviewer in reviewers:
            ReviewFactory(product=product, user=reviewer)
    return products


@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 300])
def test_search_page_budget(
    client, knives, cookware, size, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # committed: the pictures get their renditions
        build(knives, cookware, size)
    search_record(query_string="steel knife", result_count=size)  # searched before today: the usual case
    url = reverse("search")
    params = {"q": "steel knife"}

    response = cold_get(client, url, django_assert_max_num_queries, budget=BUDGET, params=params)

    assert len(response.context["products"]) == 24
    assert response.context["page_obj"].paginator.count == size


@pytest.mark.django_db
@pytest.mark.parametrize("size", [30, 300])
def test_filtered_search_page_budget(
    client, knives, cookware, size, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # committed: the pictures get their renditions
        build(knives, cookware, size)
    url = reverse("search")
    params = {"q": "steel", "category": knives.pk, "in_stock": "1", "sort": "price_asc"}

    response = cold_get(client, url, django_assert_max_num_queries, budget=BUDGET, params=params)

    # The odd-numbered products are the knives, all in stock.
    assert response.context["page_obj"].paginator.count == size // 2
