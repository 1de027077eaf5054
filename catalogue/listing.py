"""Category listings: live products of a whole subtree, filtered, sorted and paginated."""

from django.http import QueryDict

from catalogue.forms.listing import DEFAULT_SORT, SORT_LABELS, SORT_ORDERINGS, ListingFilterForm
from catalogue.models import OPTION_DIMENSIONS, CategoryPage, ProductPage
from catalogue.option_facets import brands_and_option_facets, option_condition
from catalogue.structured_data import breadcrumb_list, item_list
from home.pagination import paginate_queryset_or_404, query_without
from home.serving.chrome import page_chrome


def filtered_products(queryset, filters: dict):
    queryset = queryset.price_between(filters.get("min_price"), filters.get("max_price"))
    if filters.get("in_stock"):
        queryset = queryset.in_stock()
    if filters.get("tag"):
        queryset = queryset.filter(tags__slug=filters["tag"])
    if filters.get("brand"):
        queryset = queryset.filter(brand__slug=filters["brand"])
    options = option_condition(filters)
    if options is not None:
        queryset = queryset.filter(options)
    return queryset.order_by(*SORT_ORDERINGS[filters["sort"]])


def active_filter_chips(params: QueryDict, filters: dict, brands=()) -> list[dict]:
    """One chip per filter in force, each linking to the same listing without that one filter.

    Links keep the other parameters and drop ``page``: a narrower or wider result set starts
    again at its first page.
    """
    from catalogue.templatetags.catalogue_tags import money

    brand_names = {brand.slug: brand.name for brand in brands}
    labels = []
    if filters.get("sort") and filters["sort"] != DEFAULT_SORT:
        labels.append(("sort", f"Sort: {SORT_LABELS[filters['sort']]}"))
    if filters.get("min_price") is not None:
        labels.append(("min_price", f"From {money(filters['min_price'])}"))
    if filters.get("max_price") is not None:
        labels.append(("max_price", f"Up to {money(filters['max_price'])}"))
    if filters.get("in_stock"):
        labels.append(("in_stock", "In stock only"))
    if filters.get("brand"):
        labels.append(("brand", f"Brand: {brand_names.get(filters['brand'], filters['brand'])}"))
    if filters.get("tag"):
        labels.append(("tag", f"Tag: {filters['tag']}"))
    for dimension in OPTION_DIMENSIONS:
        if filters.get(dimension.field):
            labels.append((dimension.field, f"{dimension.label}: {filters[dimension.field]}"))
    return [{"label": label, "query": query_without(params, name, "page")} for name, label in labels]


def category_listing_context(category: CategoryPage, request) -> dict:
    form = ListingFilterForm(request.GET)
    filters = form.filters
    products = ProductPage.objects.live().public().in_category(category)
    listing = filtered_products(products.with_rating().for_cards(), filters)
    page_obj = paginate_queryset_or_404(listing, request.GET.get("page", 1), CategoryPage.PRODUCTS_PER_PAGE)
    # Listed once here, so the brand select, the option filters and the chips share one query.
    brands, option_facets = brands_and_option_facets(products, filters)
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
        "brands": brands,
        "option_facets": option_facets,
        "filter_chips": active_filter_chips(request.GET, filters, brands),
        "query_without_page": query_without(request.GET, "page"),
        "structured_data": [
            breadcrumb_list([*chrome.ancestors, category], request),
            item_list(page_obj, request, first_position=first_position),
        ],
    }
