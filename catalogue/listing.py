"""Category listings: live products of a whole subtree, filtered, sorted and paginated."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.http import Http404, QueryDict

from catalogue.forms.listing import SORT_LABELS, SORT_ORDERINGS, ListingFilterForm
from catalogue.models import Brand, CategoryPage, ProductPage
from catalogue.structured_data import breadcrumb_list, item_list
from home.chrome import page_chrome


def filtered_products(queryset, filters: dict):
    queryset = queryset.price_between(filters.get("min_price"), filters.get("max_price"))
    if filters.get("in_stock"):
        queryset = queryset.in_stock()
    if filters.get("tag"):
        queryset = queryset.filter(tags__slug=filters["tag"])
    if filters.get("brand"):
        queryset = queryset.filter(brand__slug=filters["brand"])
    return queryset.order_by(*SORT_ORDERINGS[filters["sort"]])


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
    paginator = Paginator(queryset, per_page)
    paginator.__dict__["count"] = rows[0].listing_total if rows else 0
    return PaginatorPage(rows, number, paginator)


def query_without(params: QueryDict, *names: str) -> str:
    remaining = params.copy()
    for name in names:
        remaining.pop(name, None)
    return remaining.urlencode()


def category_listing_context(category: CategoryPage, request) -> dict:
    form = ListingFilterForm(request.GET)
    filters = form.filters
    products = ProductPage.objects.live().public().in_category(category)
    listing = filtered_products(products.with_rating().for_cards(), filters)
    page_obj = paginate_queryset_or_404(listing, request.GET.get("page", 1), CategoryPage.PRODUCTS_PER_PAGE)
    chrome = page_chrome(request, category, CategoryPage)
    first_position = (page_obj.number - 1) * CategoryPage.PRODUCTS_PER_PAGE + 1
    return {
        "subcategories": chrome.sections,
        "chrome_section_model": CategoryPage,
        "products": page_obj,
        "page_obj": page_obj,
        "filters": filters,
        "filter_form": form,
        "is_refined": form.is_refined,
        "sort_options": SORT_LABELS.items(),
        "brands": Brand.objects.filter(products__in=products).distinct().only("name", "slug"),
        "query_without_page": query_without(request.GET, "page"),
        "structured_data": [
            breadcrumb_list([*chrome.ancestors, category], request),
            item_list(page_obj, request, first_position=first_position),
        ],
    }
