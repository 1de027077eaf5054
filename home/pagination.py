"""Pages of a listing: page numbers read leniently, totals counted once, links that keep the query.

Shared by the paginated lists of every app: category listings, search results, the storefront API.
A page number that is not a number means page 1; one that cannot exist is a 404.
"""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.http import Http404, QueryDict

# Far beyond any real listing, and small enough for every database's OFFSET.
MAX_PAGE_NUMBER = 100_000


def page_number_or_404(raw_page) -> int:
    """A page number that isn't a number means page 1; one that can't exist is a 404."""
    try:
        number = int(raw_page)
    except (TypeError, ValueError):
        return 1
    if number < 1 or number > MAX_PAGE_NUMBER:
        raise Http404("No such page of results.")
    return number


class CountedPaginator(Paginator):
    """A paginator told its total, for lists whose count came with the page (a window count, a search)."""

    def __init__(self, object_list, per_page: int, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


def paginate_or_404(items, raw_page, per_page: int) -> PaginatorPage:
    """Paginate anything countable; a page past the end is a 404."""
    number = page_number_or_404(raw_page)
    paginator = Paginator(items, per_page)
    if number > paginator.num_pages:
        raise Http404("No such page of results.")
    return paginator.page(number)


def paginate_queryset_or_404(queryset, raw_page, per_page: int) -> PaginatorPage:
    """Like paginate_or_404, but the total rides along on each row (a window count): one query, not two."""
    number = page_number_or_404(raw_page)
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(listing_total=Window(Count("pk")))[offset : offset + per_page])
    if not rows and number > 1:
        raise Http404("No such page of results.")
    paginator = CountedPaginator(queryset, per_page, count=rows[0].listing_total if rows else 0)
    return PaginatorPage(rows, number, paginator)


def query_without(params: QueryDict, *names: str) -> str:
    remaining = params.copy()
    for name in names:
        remaining.pop(name, None)
    return remaining.urlencode()
