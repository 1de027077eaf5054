"""The search page and the suggest endpoint: parse the request, call the selectors, render."""

from django.contrib.contenttypes.models import ContentType
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from catalogue.models import CategoryPage
from catalogue.pricing import price_for
from catalogue.templatetags.catalogue_tags import money
from home.pagination import query_without
from home.search_text import autocomplete_text, clean_query
from home.serving.cache_dependencies import namespace_tag
from home.serving.chrome import page_chrome
from home.serving.page_cache import cached_view, count_on_hit
from home.serving.site_reads import read_site
from search.forms import SEARCH_SORT_LABELS, SearchForm
from search.hit_counts import search_hit_count
from search.selectors import SUGGESTION_THUMBNAIL, popular_queries, product_suggestions, search_page

SUGGEST_MIN_LENGTH = 2
# Every parameter the search page reads: the cache keys its pages by these alone.
SEARCH_PARAMS = ("q", "page", *SearchForm.base_fields)
# Distinct searches (queries, filters, pages) whose pages are kept per cache lifetime.
CACHED_SEARCHES = 500


@require_safe
@cached_view(query_params=SEARCH_PARAMS, tags=(namespace_tag("search"),), max_variants=CACHED_SEARCHES)
def search(request):
    """Results for anonymous visitors are cached whole, like pages (decision 69): the results
    change with any indexed change (``ns:search``), the cards with their products (recorded)."""
    # The site, its root paths, SEO settings and the live promotions in one query, as pages read them.
    read_site(request)
    form = SearchForm(request.GET)
    query = form.query
    filters = form.filters
    context = {
        "search_query": query.text,
        "query_truncated": query.truncated,
        "filters": filters,
        "sort_options": SEARCH_SORT_LABELS.items(),
        "query_without_page": query_without(request.GET, "page"),
    }
    if not query:
        context.update(no_results_suggestions(request))
        return TemplateResponse(request, "search/search.html", context)

    first_page = request.GET.get("page", "1") == "1"
    # Pinned results lead the first page of a plain search; a filtered search
    # shows what the filters ask for, promoted or not.
    results = search_page(
        query.text,
        filters,
        raw_page=request.GET.get("page", 1),
        with_promotions=first_page and not form.is_filtered,
    )
    found = results.found
    context.update(
        {
            "page_obj": results.page_obj,
            "products": results.products,
            "promotions": results.promotions,
            "category_results": results.category_results,
            "story_results": results.story_results,
            "brand_facets": results.brand_facets,
            "category_facets": results.category_facets,
            "option_facets": results.option_facets,
            "scope": results.scope,
            "query_without_category": query_without(request.GET, "page", "category"),
            "query_without_brand": query_without(request.GET, "page", "brand"),
            "is_filtered": form.is_filtered,
            "found": found,
        }
    )
    if not found:
        context.update(no_results_suggestions(request))
    # Paging and refining are the same search: count it once, from its first page.
    if first_page and not form.is_refined:
        counted = {"query_string": query.text, "result_count": found}
        search_hit_count(**counted)
        count_on_hit(request, "record_search", **counted)
    return TemplateResponse(request, "search/search.html", context)


def no_results_suggestions(request) -> dict:
    """Where to go instead: what others searched for with success, and the shop's top-level categories."""
    category_type = ContentType.objects.get_for_model(CategoryPage).pk
    return {
        "popular_queries": popular_queries(),
        "top_categories": [
            page for page in page_chrome(request).menu if page.content_type_id == category_type
        ],
    }


@require_safe
def suggest(request):
    """JSON for the header's autocomplete: products whose titles start with what was typed."""
    query = clean_query(request.GET.get("q", ""))
    text = autocomplete_text(query.text)
    products = product_suggestions(text) if len(text) >= SUGGEST_MIN_LENGTH else []
    return JsonResponse(
        {
            "query": query.text,
            "products": [suggestion_json(product, request) for product in products],
        }
    )


def suggestion_json(product, request) -> dict:
    image = product.main_image
    thumbnail = image.get_rendition(SUGGESTION_THUMBNAIL) if image else None
    price = price_for(product)
    return {
        "title": product.title,
        "url": product.get_url(request),
        "price": str(price.amount),
        "price_display": money(price.amount),
        "currency": product.currency,
        "in_stock": product.in_stock,
        "thumbnail": thumbnail.url if thumbnail else None,
    }
