"""The search page's GET parameters: the listing filters plus the query, a category and relevance sorting.

As in category listings, a broken parameter never fails the page: it falls back to
its default and the rest still apply.
"""

from django import forms

from catalogue.forms.listing import ListingFilterForm
from home.search_text import CleanQuery, clean_query

# Orderings name filter fields of ProductPage.search_fields ("id", not "pk"): the
# search backends can only sort on indexed fields.
SEARCH_SORT_ORDERINGS = {
    "relevance": None,
    "price_asc": ("price", "id"),
    "price_desc": ("-price", "id"),
    "newest": ("-first_published_at", "id"),
}
SEARCH_SORT_LABELS = {
    "relevance": "Best match",
    "price_asc": "Price: low to high",
    "price_desc": "Price: high to low",
    "newest": "Newest",
}
DEFAULT_SEARCH_SORT = "relevance"
REFINING_FILTERS = ("min_price", "max_price", "in_stock", "brand", "category", "size", "colour", "material")


class SearchForm(ListingFilterForm):
    sort = forms.ChoiceField(choices=list(SEARCH_SORT_LABELS.items()), required=False)
    category = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    # Tags are a category-listing refinement; search matches tag names as words instead.
    tag = None

    def __init__(self, data=None, **kwargs):
        super().__init__(data=data, **kwargs)
        # Read directly rather than through a CharField, whose validators would reject
        # a NUL character and so drop the whole query instead of cleaning it.
        self.query: CleanQuery = clean_query(self.data.get("q", ""))

    @property
    def filters(self) -> dict:
        values = super().filters
        if values["sort"] not in SEARCH_SORT_ORDERINGS:
            values["sort"] = DEFAULT_SEARCH_SORT
        return values

    @property
    def is_refined(self) -> bool:
        filters = self.filters
        return filters["sort"] != DEFAULT_SEARCH_SORT or any(filters.get(name) for name in REFINING_FILTERS)

    @property
    def is_filtered(self) -> bool:
        """Whether filters narrow the results (sorting only reorders them)."""
        filters = self.filters
        return any(filters.get(name) for name in REFINING_FILTERS)
