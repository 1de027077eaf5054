"""Search results declare their fast paths; the selectors take one only where it is declared."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from catalogue.models import ProductPage
from home.search_text import parse_query
from search.backends.capabilities import SearchCapability, supports
from search.selectors import paginate_search_or_404


@pytest.mark.django_db
def test_each_backend_declares_exactly_what_its_results_answer(shelf):
    results = get_search_backend().search(parse_query("knife"), ProductPage.objects.live())
    declared = {capability for capability in SearchCapability if supports(results, capability)}
    if connection.vendor == "postgresql":
        assert declared == {
            SearchCapability.PAGE_WITH_TOTAL,
            SearchCapability.FACET_COUNTS,
            SearchCapability.FACET_ROWS,
            SearchCapability.MATCHING_QUERYSET,
        }
    else:
        assert declared == {
            SearchCapability.PAGE_WITH_TOTAL,
            SearchCapability.FACET_ROWS,
            SearchCapability.MATCHING_QUERYSET,
        }
    for capability in declared:
        assert callable(getattr(results, capability.value))


@pytest.mark.django_db
def test_a_page_of_results_counts_every_match_on_every_backend(shelf):
    results = get_search_backend().search(parse_query("knife"), ProductPage.objects.live())
    page = paginate_search_or_404(results, "1", per_page=1)
    assert len(page.object_list) == 1
    assert page.paginator.count == results.count() >= 2
    assert page.paginator.num_pages == page.paginator.count


def test_an_undeclared_results_class_gets_the_plain_path():
    class PlainResults:
        def page_with_total(self):  # present but not declared: not used
            raise AssertionError

    assert not supports(PlainResults(), SearchCapability.PAGE_WITH_TOTAL)
