"""The storefront API's product list: a category listing without ``q``, the shop's search with it.

It lives in ``search`` because it uses both the catalogue's listing and the search
selectors, and the catalogue imports nothing from search (docs/decisions.md,
"Imports run one way"). The route is wired in mysite/urls.py beside catalogue.rest's.
"""

from django.core.paginator import Page
from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from catalogue.forms.listing import MAX_PRICE, SORT_ORDERINGS
from catalogue.listing import filtered_products
from catalogue.models import ProductPage
from catalogue.rest import examples
from catalogue.rest.caching import content_cached
from catalogue.rest.errors import ErrorSerializer
from catalogue.rest.pagination import PageParamsSerializer, paged_response, paged_serializer
from catalogue.rest.products import MAX_ID
from catalogue.rest.serializers import ProductSummarySerializer
from home.pagination import CountedPaginator, paginate_queryset_or_404
from home.search_text import MAX_QUERY_LENGTH, clean_query, parse_query
from search.forms import SEARCH_SORT_ORDERINGS
from search.selectors import CachedProductSearch, category_in_scope, private_sections_q, product_cards

SORTS = list(dict.fromkeys([*SORT_ORDERINGS, *SEARCH_SORT_ORDERINGS]))

ProductPageSerializer = paged_serializer("ProductPage", ProductSummarySerializer)


@extend_schema_field({"type": "string", "pattern": r"^(\d{1,8}(\.\d{0,2})?|\.\d{1,2})$", "example": "19.90"})
class PriceParameter(serializers.DecimalField):
    """A price filter: a non-negative amount with at most two decimals."""


class ProductListParams(PageParamsSerializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_QUERY_LENGTH,
        trim_whitespace=True,
        help_text='Search words, read as the shop\'s search box reads them ("phrases" too).',
    )
    category = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="A category id: its whole subtree. An unknown or unpublished one is a 404.",
    )
    brand = serializers.SlugField(required=False, max_length=120)
    tag = serializers.SlugField(required=False, max_length=100, help_text="Not combinable with `q`.")
    min_price = PriceParameter(
        required=False, max_digits=10, decimal_places=2, min_value=0, max_value=MAX_PRICE
    )
    max_price = PriceParameter(
        required=False, max_digits=10, decimal_places=2, min_value=0, max_value=MAX_PRICE
    )
    in_stock = serializers.BooleanField(required=False, default=False)
    sort = serializers.ChoiceField(
        choices=SORTS,
        required=False,
        help_text="Without `q`: featured (default), price_asc, price_desc, name, newest. With `q`: "
        "relevance (default), price_asc, price_desc, newest; other values fall back to the default.",
    )

    def validate_q(self, value):
        if "\x00" in value:
            raise serializers.ValidationError("Null characters are not allowed.")
        return clean_query(value).text

    def validate_category(self, value):
        category = category_in_scope(value)
        if category is None:
            # A well-formed id naming nothing: like a path to a missing resource.
            raise NotFound("No such category.")
        return category

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.get("q") and attrs.get("tag"):
            raise serializers.ValidationError({"tag": ["Filtering by tag cannot be combined with a search."]})
        low, high = attrs.get("min_price"), attrs.get("max_price")
        if low is not None and high is not None and low > high:
            attrs["min_price"], attrs["max_price"] = high, low
        return attrs


class ProductListView(APIView):
    @extend_schema(
        operation_id="products_list",
        summary="Products: browse, filter, sort and search",
        description="Live, public products. Without `q` this is a category listing (the same filters "
        "and orderings as the shop's category pages); with `q` it is the shop's product search "
        "(the same selectors as /search/, best match first).",
        parameters=[ProductListParams],
        responses={
            200: ProductPageSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            414: OpenApiResponse(
                description="The query string is too long for the web server (gunicorn refuses request "
                "lines over 4094 bytes before the shop sees them); shorten `q`."
            ),
        },
        examples=[
            examples.response("A page of products", examples.page_of(examples.PRODUCT)),
            examples.INVALID_PARAMETER,
            examples.response(
                "Past the last page", examples.error(404, "not_found", "No such page of results."), 404
            ),
        ],
        tags=["catalogue"],
    )
    @content_cached
    def get(self, request):
        params = ProductListParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        if data.get("q"):
            page, products = self._search(data)
        else:
            page, products = self._browse(data)
        results = ProductSummarySerializer(products, many=True, context={"request": request}).data
        return paged_response(page, results, data["page_size"])

    def _filters(self, data, sorts, default) -> dict:
        sort = data.get("sort") if data.get("sort") in sorts else default
        return {
            "min_price": data.get("min_price"),
            "max_price": data.get("max_price"),
            "in_stock": data["in_stock"],
            "tag": data.get("tag"),
            "brand": data.get("brand"),
            "sort": sort,
        }

    def _browse(self, data):
        filters = self._filters(data, SORT_ORDERINGS, "featured")
        products = ProductPage.objects.live().public()
        if data.get("category"):
            products = products.in_category(data["category"])
        listing = filtered_products(products.with_rating().for_cards(), filters)
        page = paginate_queryset_or_404(listing, data["page"], data["page_size"])
        return page, list(page.object_list)

    def _search(self, data):
        filters = self._filters(data, SEARCH_SORT_ORDERINGS, "relevance")
        category = data.get("category")
        search = CachedProductSearch(
            text=data["q"],
            query=parse_query(data["q"]),
            filters={**filters, "category": category.pk if category else None},
            category=category,
            private=private_sections_q(),
        )
        result = search.result_page(data["page"], data["page_size"])
        paginator = CountedPaginator([], data["page_size"], count=result.total)
        return Page([], result.number, paginator), product_cards(result.ids)


urlpatterns = [
    path("products/", ProductListView.as_view(), name="products"),
]
