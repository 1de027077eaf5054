"""Reads behind the search page and the suggest endpoint.

Every search goes through Wagtail's search backend (``.search()``/``.autocomplete()``),
never ``icontains``. Querysets handed to the backend may only filter and sort on
fields listed in the model's ``search_fields``; that is why privacy is checked with
path prefixes here rather than with the catalogue's one-query ``public()``.
"""

import datetime
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.db import connection
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce, Length, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.query import SearchQuery
from wagtail.search.utils import normalise_query_string

from catalogue.card_cache import CardList
from catalogue.models import Brand, CategoryPage, ProductGalleryImage, ProductPage, StoryPage
from catalogue.models.querysets import renditions_matching
from catalogue.option_facets import OPTION_FILTERS, matching_product_ids, option_facets_from_rows, option_rows
from home.pages.base import ancestor_paths, restricted
from home.pagination import CountedPaginator, page_number_or_404, paginate_or_404
from home.search_text import parse_query
from home.serving.content_cache import namespaced_key
from search.backends.capabilities import SearchCapability, supports
from search.backends.grouped import best_of
from search.forms import SEARCH_SORT_ORDERINGS
from search.models import ZeroResultDailyHits

PRODUCTS_PER_PAGE = 24
PAGE_RESULTS_LIMIT = 4
SUGGESTION_LIMIT = 6
SUGGESTION_THUMBNAIL = "fill-96x96|format-webp"
POPULAR_QUERIES_DAYS = 30
POPULAR_QUERIES_CACHE_SECONDS = 600
# Pages of results and facet counts are keyed by the content generation; the
# timeout only bounds what an index rebuilt by hand (update_index) leaves stale.
SEARCH_CACHE_SECONDS = 300

NOT_LOADED = object()

# The parent category's path, computed in SQL for the database backends' facet query;
# search backends with their own index store ProductPage.category_path instead.
PARENT_PATH = Substr("path", 1, Length("path") - Page.steplen)


def private_sections_q() -> Q:
    """Pages in a private section, checked inside the search's own query, row by matching row.

    A search backend filters on indexed fields only, so the check is a lookup on the
    (indexed) id: ids of pages under a view restriction. The database backends compile
    it to SQL with the rest of the search, where the subquery is correlated to each
    matching row; no query runs first to list the private sections.
    """
    return Q(id__in=Page.objects.filter(id=OuterRef("id")).filter(restricted()).values("id"))


def searchable(queryset, private: Q):
    """Live pages outside private sections."""
    return queryset.live().exclude(private)


@dataclass(frozen=True)
class FacetValue:
    value: object
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class CategoryFacets:
    """Counts for the categories one level below the current one (the top level when there is none)."""

    values: list[FacetValue]
    scope: CategoryPage | None = None
    scope_parent: CategoryPage | None = None


@dataclass(frozen=True)
class ResultPage:
    """One page of search results as product ids, best first, and the number of matches in all."""

    number: int
    ids: list[int]
    total: int


@dataclass(frozen=True)
class CategoryLabel:
    """What a category facet shows of a category."""

    pk: int
    title: str
    path: str
    depth: int


@dataclass(frozen=True)
class FacetCounts:
    """Matches per brand id (under every filter but the brand) and per parent category path.

    Where the backend read the labels with the counts, ``brand_labels`` holds each
    counted brand's name and slug, and ``categories`` the live, public categories above
    each counted path; otherwise they are None and the facets look them up.
    """

    brands: dict
    paths: dict
    brand_labels: dict | None = None
    categories: dict | None = None
    # The variants' (size, colour, material) in scope, where they came in the same statement.
    option_rows: list | None = None


# The search page's sidebar in one statement around the facet counts: each counted brand's
# name and slug, every live, public category the counted parent path lies in, and (rows of
# kind 1) the option values of the variants in scope, which the option filters list.
SIDEBAR_SQL = """
SELECT 0 AS kind, counts.f0, counts.f1, counts.n, brand.name, brand.slug,
       category.c_id, category.c_title, category.c_path, category.c_depth
FROM {{counts}} AS counts
LEFT JOIN {brand} AS brand ON brand.id = counts.f0
LEFT JOIN ({categories}) AS category
       ON SUBSTR(counts.f1, 1, LENGTH(category.c_path)) = category.c_path
UNION ALL
SELECT 1, NULL, NULL, NULL, options.{size}, options.{colour}, NULL, options.{material}, NULL, NULL
FROM ({options}) AS options
"""


def sidebar_sql(option_products) -> tuple[str, tuple]:
    categories = (
        CategoryPage.objects.live()
        .public()
        .order_by()
        .values(c_id=F("id"), c_title=F("title"), c_path=F("path"), c_depth=F("depth"))
    )
    categories_sql, categories_params = categories.query.sql_with_params()
    options_sql, options_params = option_rows(option_products).query.sql_with_params()
    quote = connection.ops.quote_name
    size, colour, material = (quote(name) for name in OPTION_FILTERS)
    sql = SIDEBAR_SQL.format(
        brand=quote(Brand._meta.db_table),
        categories=categories_sql,
        options=options_sql,
        size=size,
        colour=colour,
        material=material,
    )
    return sql, (*categories_params, *options_params)


def sidebar_facet_counts(rows, selected_brand: str | None) -> FacetCounts:
    """FacetCounts from SIDEBAR_SQL's rows: one per counted pair and category above it, one per option row."""
    pairs, brand_labels, categories, options = {}, {}, {}, []
    for kind, brand_id, path, count, name, slug, category_id, title, category_path, depth in rows:
        if kind == 1:
            options.append((name, slug, title))  # size, colour, material
            continue
        pairs[(brand_id, path)] = count
        if brand_id is not None and slug is not None:
            brand_labels[brand_id] = (name, slug)
        if category_id is not None:
            categories[category_path] = CategoryLabel(category_id, title, category_path, depth)
    brands, paths = Counter(), Counter()
    for (brand_id, _path), count in pairs.items():
        brands[brand_id] += count
    chosen = {pk for pk, (_name, slug) in brand_labels.items() if slug == selected_brand}
    for (brand_id, path), count in pairs.items():
        if not selected_brand or brand_id in chosen:
            paths[path] += count
    return FacetCounts(dict(brands), dict(paths), brand_labels, categories, options)


@dataclass
class ProductSearch:
    """Product results for a query and the shopper's filters, and the facet counts beside them."""

    query: SearchQuery
    filters: dict
    category: CategoryPage | None = None
    exclude_ids: Iterable[int] = ()
    private: Q = field(default_factory=private_sections_q)
    # The scope's parent category (None: it has none), when the caller loaded it with the scope.
    category_parent: object = NOT_LOADED

    def products(self, *, by_brand: bool = True, by_category: bool = True):
        products = searchable(ProductPage.objects.all(), self.private)
        if self.exclude_ids:
            products = products.exclude(id__in=list(self.exclude_ids))
        if by_category and self.category is not None:
            products = products.in_category(self.category)
        products = products.price_between(self.filters.get("min_price"), self.filters.get("max_price"))
        if self.filters.get("in_stock"):
            products = products.in_stock()
        if by_brand and self.filters.get("brand"):
            products = products.filter(brand__slug=self.filters["brand"])
        with_options = matching_product_ids(self.filters)
        if with_options is not None:
            # The search backends filter on indexed fields only: the matching ids, listed.
            products = products.filter(id__in=list(with_options))
        return products

    def option_products(self):
        """The products whose variants' options the filters offer: every product in scope, matching or not."""
        products = searchable(ProductPage.objects.all(), self.private)
        if self.category is not None:
            products = products.in_category(self.category)
        return products

    def option_facets(self) -> list[dict]:
        """The options (size, colour, material) of the products in scope, to narrow the results by."""
        rows = self._facet_counts.option_rows
        if rows is None:
            rows = option_rows(self.option_products())
        return option_facets_from_rows(rows, self.filters)

    @cached_property
    def results(self):
        """Search results, best match first unless the shopper chose another order."""
        ordering = SEARCH_SORT_ORDERINGS[self.filters["sort"]]
        # Only ids: product_cards() loads the page's cards, and narrow rows keep the
        # ranking of thousands of matches fast.
        products = self.products().only("id")
        if ordering is None:
            return products.search(self.query)
        return products.order_by(*ordering).search(self.query, order_by_relevance=False)

    def result_page(self, raw_page, per_page: int = PRODUCTS_PER_PAGE) -> ResultPage:
        """One page of product ids, in order, and the number of matches; a page past the end is a 404."""
        page = paginate_search_or_404(self.results, raw_page, per_page)
        return ResultPage(page.number, [product.pk for product in page.object_list], page.paginator.count)

    def facet_counts(self) -> FacetCounts:
        """Matches per brand under every filter but the brand, and per parent category path under all.

        Where the backend can (FACET_ROWS), one query (SIDEBAR_SQL) counts matches per brand
        and parent category path under every filter but the brand, with the brands' names
        and the categories above each path joined in, and brings the option values of the
        products in scope beside them; the category counts then keep the chosen brand's rows.
        Other backends run one facet query for each, and the facets look their labels and
        options up.
        """
        search = (
            self.products(by_brand=False)
            .annotate(category_path=PARENT_PATH)
            .search(self.query, order_by_relevance=False)
        )
        if supports(search, SearchCapability.FACET_ROWS):
            sql, params = sidebar_sql(self.option_products())
            rows = search.facet_rows(("brand_id", "category_path"), sql, params)
            if rows is None:  # nothing can match: no counts, and the options are read on their own
                return FacetCounts({}, {}, {}, {})
            return sidebar_facet_counts(rows, self.filters.get("brand"))
        path_search = (
            self.products().annotate(category_path=PARENT_PATH).search(self.query, order_by_relevance=False)
        )
        return FacetCounts(dict(search.facet("brand_id")), dict(path_search.facet("category_path")))

    @cached_property
    def _facet_counts(self) -> FacetCounts:
        return self.facet_counts()

    def brand_facets(self) -> list[FacetValue]:
        """Matches per brand under every filter but the brand itself, so the shopper can switch brand."""
        facet_counts = self._facet_counts
        counts = facet_counts.brands
        labels = facet_counts.brand_labels
        if labels is None:
            brands = Brand.objects.filter(pk__in=[pk for pk in counts if pk is not None]).only("name", "slug")
            labels = {brand.pk: (brand.name, brand.slug) for brand in brands}
        selected = self.filters.get("brand")
        values = [
            FacetValue(slug, name, counts[pk], selected=slug == selected)
            for pk, (name, slug) in labels.items()
        ]
        return sorted(values, key=lambda value: (-value.count, value.label.casefold()))

    def scope_parent(self) -> CategoryPage | None:
        """The live, public category above the scope, if there is one."""
        if self.category is None:
            return None
        if self.category_parent is NOT_LOADED:
            self.category_parent = (
                CategoryPage.objects.live().public().filter(path=self.category.path[: -Page.steplen]).first()
            )
        return self.category_parent

    def category_facets(self) -> CategoryFacets:
        """Matches per category one level below the chosen one, each counting its whole subtree."""
        facet_counts = self._facet_counts
        counts = facet_counts.paths
        categories = facet_counts.categories
        if categories is None:
            wanted = {path for parent_path in counts for path in ancestor_paths(parent_path)}
            categories = {
                category.path: CategoryLabel(category.pk, category.title, category.path, category.depth)
                for category in CategoryPage.objects.live()
                .public()
                .filter(path__in=wanted)
                .only("id", "title", "path", "depth")
            }
        scope = self.category
        if scope is not None:
            level = [
                category
                for category in categories.values()
                if category.depth == scope.depth + 1 and category.path.startswith(scope.path)
            ]
        else:
            top_depth = min((category.depth for category in categories.values()), default=0)
            level = [category for category in categories.values() if category.depth == top_depth]
        values = [
            FacetValue(
                category.pk,
                category.title,
                sum(count for path, count in counts.items() if path and path.startswith(category.path)),
            )
            for category in level
        ]
        values = [value for value in values if value.count]
        values.sort(key=lambda value: (-value.count, value.label.casefold()))
        return CategoryFacets(values=values, scope=scope, scope_parent=self.scope_parent())


@dataclass
class CachedProductSearch(ProductSearch):
    """A ProductSearch whose pages of ids and facet counts are cached for the content generation.

    Publishing, unpublishing, moving or deleting a page, a stock change, and the
    reindex that follows publishing (``search.tasks.reindex_pages``) each start a new
    generation, so nothing cached outlives what it was computed from; so does a
    view restriction (home.signals), which changes what is private.
    """

    text: str = ""

    def _cache_key(self, name: str, *parts) -> str:
        identity = repr(
            (
                self.text,
                sorted(self.filters.items()),
                self.category.pk if self.category else None,
                sorted(self.exclude_ids),
                *parts,
            )
        )
        return namespaced_key("search", name, hashlib.sha256(identity.encode()).hexdigest())

    def _cached(self, key: str, compute):
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, SEARCH_CACHE_SECONDS)
        return value

    def result_page(self, raw_page, per_page: int = PRODUCTS_PER_PAGE) -> ResultPage:
        number = page_number_or_404(raw_page)
        key = self._cache_key("page", number, per_page)
        # A page past the end raises Http404 and is not cached.
        return self._cached(key, lambda: super(CachedProductSearch, self).result_page(number, per_page))

    def facet_counts(self) -> FacetCounts:
        return self._cached(self._cache_key("facets"), super().facet_counts)

    def brand_facets(self) -> list[FacetValue]:
        return self._cached(self._cache_key("brand-facets"), super().brand_facets)

    def category_facets(self) -> CategoryFacets:
        return self._cached(self._cache_key("category-facets"), super().category_facets)

    def option_facets(self) -> list[dict]:
        return self._cached(self._cache_key("option-facets"), super().option_facets)

    def other_pages(self) -> dict[str, list]:
        """The categories and stories shown beside the products, cached like them."""
        return self._cached(
            self._cache_key("pages"),
            lambda: page_results(self.query, self.private, exclude_ids=self.exclude_ids),
        )


def paginate_search_or_404(results, raw_page, per_page: int) -> PaginatorPage:
    """Like paginate_or_404 for search results; on PostgreSQL the page and the count come from one query."""
    if not supports(results, SearchCapability.PAGE_WITH_TOTAL):  # others count, then fetch the page
        return paginate_or_404(results, raw_page, per_page)
    number = page_number_or_404(raw_page)
    offset = (number - 1) * per_page
    rows, total = results[offset : offset + per_page].page_with_total()
    paginator = CountedPaginator(results, per_page, count=total)
    if number > paginator.num_pages:
        raise Http404("No such page of results.")
    return PaginatorPage(rows, number, paginator)


def product_cards(ids: list[int]) -> list[ProductPage]:
    """The products with these ids, in the same order, loaded with everything a product card shows."""
    loaded = ProductPage.objects.filter(pk__in=ids).with_rating().for_cards().in_bulk()
    return [loaded[pk] for pk in ids if pk in loaded]


# What the search page shows of a category or story result (includes/… and search.html).
PAGE_RESULT_FIELDS = ["id", "title", "slug", "url_path", "path", "depth", "live", "content_type_id", "intro"]


def page_results(
    query: SearchQuery, private: Q, *, exclude_ids: Iterable[int] = (), limit: int = PAGE_RESULTS_LIMIT
) -> dict[str, list]:
    """The best-matching categories and stories, shown as results of their own next to products.

    Where the backend gives its matches as a queryset (MATCHING_QUERYSET), both searches
    are one query (``search.backends.grouped.best_of``); otherwise one each.
    """
    excluded = list(exclude_ids)
    searches = {
        key: searchable(model.objects.exclude(id__in=excluded), private).search(query)
        for key, model in (("categories", CategoryPage), ("stories", StoryPage))
    }
    if all(supports(results, SearchCapability.MATCHING_QUERYSET) for results in searches.values()):
        ranked = {key: results.matching_queryset() for key, results in searches.items()}
        return best_of(ranked, PAGE_RESULT_FIELDS, limit)
    return {key: list(results[:limit]) for key, results in searches.items()}


def category_in_scope(category_id: int | None) -> CategoryPage | None:
    """The live, public category a search is narrowed to, or None for an unknown or hidden one."""
    return category_scope(category_id)[0]


def category_scope(category_id: int | None) -> tuple[CategoryPage | None, CategoryPage | None]:
    """The live, public category a search is narrowed to and the live, public category above it, in one query."""
    if not category_id:
        return None, None
    below = Page.objects.filter(
        pk=category_id, path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
    )
    found = list(CategoryPage.objects.live().public().filter(Q(pk=category_id) | Q(Exists(below))))
    scope = next((category for category in found if category.pk == category_id), None)
    if scope is None:
        return None, None
    parent = next((category for category in found if category.pk != category_id), None)
    return scope, parent


class BatchedCards:
    """Product cards for several lists on one page, loaded together.

    Each list is a ``CardList``; the first one to need product rows (a card missing from
    the card cache) loads the rows of every list's products at once, so pinned products
    and the page of results cost the queries of one batch of cards.
    """

    def __init__(self):
        self.wanted: list[int] = []
        self.loaded: dict[int, ProductPage] = {}
        self.tried: set[int] = set()

    def card_list(self, ids: Iterable[int]) -> CardList:
        ids = list(ids)
        self.wanted.extend(ids)
        return CardList(ids, self.load)

    def load(self, ids: list[int]) -> list[ProductPage]:
        if any(pk not in self.tried for pk in ids):
            batch = [pk for pk in dict.fromkeys([*ids, *self.wanted]) if pk not in self.tried]
            self.tried.update(batch)
            self.loaded.update((product.pk, product) for product in product_cards(batch))
        return [self.loaded[pk] for pk in ids if pk in self.loaded]


@dataclass(frozen=True)
class Promotions:
    """Pinned results for a query: products as cards, other pages and external links as links."""

    products: Sequence[ProductPage] = ()
    links: list[SearchPromotion] = field(default_factory=list)

    @property
    def page_ids(self) -> list[int]:
        # Ids only: the cards' rows are loaded when the cards are rendered.
        products = self.products.ids if isinstance(self.products, CardList) else [p.pk for p in self.products]
        return products + [promotion.page_id for promotion in self.links if promotion.page_id]

    def __bool__(self) -> bool:
        return bool(self.products or self.links)


def promotions_for(query_text: str, cards: BatchedCards | None = None) -> Promotions:
    """The marketers' pinned results for this query, in their order; unpublished or private pages are left out.

    One query: the picks, their pages, and whether each page is shown (live, not private).
    Pinned products come as cards, loaded with the other cards of ``cards``.
    """
    private = Exists(Page.objects.filter(id=OuterRef("page_id")).filter(restricted()))
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query_text))
        .select_related("page")
        .annotate(shown=Case(When(Q(page__live=True) & ~Q(private), then=True), default=False))
        .order_by("sort_order", "pk")
    )
    if not picks:
        return Promotions()
    product_type = ContentType.objects.get_for_model(ProductPage).pk
    shown = [pick for pick in picks if pick.page_id and pick.shown]
    product_ids = [pick.page_id for pick in shown if pick.page.content_type_id == product_type]
    cards = cards or BatchedCards()
    return Promotions(
        products=cards.card_list(product_ids),
        links=[
            pick for pick in picks if not pick.page_id or (pick.shown and pick.page_id not in product_ids)
        ],
    )


@dataclass(frozen=True)
class SearchPage:
    """Everything the search results page shows for one request."""

    page_obj: PaginatorPage
    products: CardList
    promotions: Promotions
    category_results: list[CategoryPage]
    story_results: list[StoryPage]
    brand_facets: list[FacetValue]
    category_facets: CategoryFacets
    scope: CategoryPage | None
    option_facets: list[dict]

    @property
    def found(self) -> int:
        """Everything shown across the pages of results: products, pinned products, categories and stories."""
        return (
            self.page_obj.paginator.count
            + len(self.promotions.products)
            + len(self.category_results)
            + len(self.story_results)
        )


def search_page(text: str, filters: dict, *, raw_page, with_promotions: bool) -> SearchPage:
    """Ranked, filtered product results for one page, with facets, pinned results and other pages.

    Pinned results (when asked for) lead and are left out of the ranked results;
    categories and stories come with the first page only. An unknown page number raises Http404.
    """
    private = private_sections_q()
    cards = BatchedCards()
    promotions = promotions_for(text, cards) if with_promotions else Promotions()
    parsed = parse_query(text)
    scope, scope_parent = category_scope(filters.get("category"))
    product_search = CachedProductSearch(
        text=text,
        query=parsed,
        filters=filters,
        category=scope,
        category_parent=scope_parent,
        exclude_ids=promotions.page_ids,
        private=private,
    )
    result = product_search.result_page(raw_page)
    # Loaded only where the card cache misses (catalogue.card_cache), with the pinned products.
    products = cards.card_list(result.ids)
    paginator = CountedPaginator([], PRODUCTS_PER_PAGE, count=result.total)
    page_obj = PaginatorPage(products, result.number, paginator)
    pages = product_search.other_pages() if page_obj.number == 1 else {"categories": [], "stories": []}
    return SearchPage(
        page_obj=page_obj,
        products=products,
        promotions=promotions,
        category_results=pages["categories"],
        story_results=pages["stories"],
        brand_facets=product_search.brand_facets(),
        category_facets=product_search.category_facets(),
        scope=product_search.category,
        option_facets=product_search.option_facets(),
    )


def product_suggestions(text: str, limit: int = SUGGESTION_LIMIT) -> list[ProductPage]:
    """Products whose title starts with the words typed so far, with their thumbnail renditions prefetched."""
    products = searchable(ProductPage.objects.only("id"), private_sections_q())
    matches = list(products.autocomplete(text)[:limit])
    gallery = (
        ProductGalleryImage.objects.order_by("sort_order")
        .select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=renditions_matching([SUGGESTION_THUMBNAIL])))
    )
    loaded = (
        ProductPage.objects.filter(pk__in=[product.pk for product in matches])
        .prefetch_related(Prefetch("gallery_images", queryset=gallery))
        .in_bulk()
    )
    return [loaded[product.pk] for product in matches if product.pk in loaded]


def query_statistics(since: datetime.date, until: datetime.date):
    """Every query searched in the period, with its searches, those that found nothing, and its promotions."""
    zero_results = (
        ZeroResultDailyHits.objects.filter(query=OuterRef("pk"), date__gte=since, date__lte=until)
        .values("query")
        .annotate(total=Sum("hits"))
        .values("total")
    )
    promotions = (
        SearchPromotion.objects.filter(query=OuterRef("pk"))
        .values("query")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Query.objects.annotate(
        searches=Sum("daily_hits__hits", filter=Q(daily_hits__date__gte=since, daily_hits__date__lte=until)),
        zero_result_searches=Coalesce(Subquery(zero_results, output_field=IntegerField()), 0),
        promotion_count=Coalesce(Subquery(promotions, output_field=IntegerField()), 0),
    ).filter(searches__gt=0)


def popular_queries(limit: int = 6) -> list[str]:
    """What shoppers searched most in the last month and found something for (cached: the same for everyone)."""
    key = f"search:popular:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    today = timezone.localdate()
    since = today - datetime.timedelta(days=POPULAR_QUERIES_DAYS)
    popular = list(
        query_statistics(since, today)
        .filter(searches__gt=F("zero_result_searches"))
        .order_by("-searches", "query_string")
        .values_list("query_string", flat=True)[:limit]
    )
    cache.set(key, popular, POPULAR_QUERIES_CACHE_SECONDS)
    return popular
