"""What a backend's search results can do beyond modelsearch's interface, declared, not probed.

The selectors use a faster path where the results declare it (PostgreSQL's
``EntryFirstPostgresSearchResults``) and modelsearch's plain interface elsewhere.
A results class lists what it offers in ``shop_capabilities``; one that lists
nothing gets the plain path.
"""

from enum import Enum


class SearchCapability(Enum):
    PAGE_WITH_TOTAL = "page_with_total"  # ``page_with_total()``: a page and the total from one query
    FACET_COUNTS = "facet_counts"  # ``facet_counts(*fields)``: counts over several fields in one query
    FACET_ROWS = "facet_rows"  # ``facet_rows(fields, sql, params)``: those counts read by SQL around them
    MATCHING_QUERYSET = "matching_queryset"  # ``matching_queryset()``: the matches as a queryset, best first


def supports(results, capability: SearchCapability) -> bool:
    return capability in getattr(type(results), "shop_capabilities", frozenset())
