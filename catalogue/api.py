"""Read-only Wagtail API v2: pages (products, categories, stories) and images.

Every query parameter is checked before it reaches the database: a value the
endpoint cannot use answers 400 with ``{"message": ...}`` (Wagtail's
BadRequestError), never a 500. Wagtail already checks ``limit``, ``fields``,
``type``, ``order`` and the tree filters' syntax; this module adds what it lets
through: NUL characters (PostgreSQL refuses them), values too long to be meant,
offsets and ids past what the database can count, field filters of the wrong
type (``price=abc``, ``price=1e999``), an unknown ``locale``, ``site`` or
``search_operator``. ``?search=`` is parsed as the shop's search box parses it.

Listings load what their fields show in a fixed number of queries, however many
pages they hold: products with their brand, tags, gallery renditions and locale in
the queryset, and their categories (parent pages) in one query per page of results.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Prefetch
from taggit.managers import TaggableManager
from wagtail.api.v2 import filters
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, TagsField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from catalogue.models import CategoryPage, ProductGalleryImage, ProductPage
from catalogue.models.querysets import renditions_matching
from catalogue.serializers import GALLERY_RENDITION
from home.search_text import MAX_QUERY_LENGTH, clean_query, parse_query

# Longer than any field name list, path or filter value a client means to send.
MAX_PARAMETER_LENGTH = 1000
# Deeper than any listing is paged; past it databases fail on the number itself.
MAX_OFFSET = 1_000_000
# Ids are bigints (BigAutoField): anything larger cannot name a row.
MAX_ID = 2**63 - 1
ID_PARAMETERS = ("child_of", "descendant_of", "ancestor_of", "translation_of", "id")
SEARCH_OPERATORS = ("and", "or")


def positive_integer(name: str, value: str, maximum: int) -> int:
    try:
        number = int(value)
    except ValueError as error:
        raise BadRequestError(f"{name} must be a positive integer") from error
    if number < 0:
        raise BadRequestError(f"{name} must be a positive integer")
    if number > maximum:
        raise BadRequestError(f"{name} cannot be higher than {maximum}")
    return number


def check_common_parameters(request) -> None:
    """The checks that hold on every endpoint and view: listing, detail and find."""
    for name, values in request.GET.lists():
        for value in values:
            if "\x00" in name or "\x00" in value:
                raise BadRequestError(f"null characters are not allowed in {name!r}")
            if len(value) > MAX_PARAMETER_LENGTH:
                raise BadRequestError(f"{name} is too long (at most {MAX_PARAMETER_LENGTH} characters)")
    query = request.GET
    if "offset" in query:
        positive_integer("offset", query["offset"], MAX_OFFSET)
    for name in ID_PARAMETERS:
        if name in query and query[name] != "root":
            positive_integer(name, query[name], MAX_ID)
    if len(query.get("search", "")) > MAX_QUERY_LENGTH:
        raise BadRequestError(f"search is too long (at most {MAX_QUERY_LENGTH} characters)")
    if "search_operator" in query and query["search_operator"] not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    if "format" in query and query["format"] not in ("json", "api"):
        raise BadRequestError("format must be 'json' or 'api'")
    if "locale" in query and not Locale.objects.filter(language_code=query["locale"]).exists():
        raise BadRequestError(f"locale {query['locale']!r} doesn't exist")
    if "site" in query:
        check_site(query["site"])


def check_site(value: str) -> None:
    """``site=host`` or ``site=host:port`` must name a configured site (Wagtail answers 500 otherwise)."""
    hostname, _colon, port = value.partition(":")
    lookup = {"hostname": hostname}
    if _colon:
        lookup["port"] = positive_integer("site port", port, 65535)
    if not Site.objects.filter(**lookup).exists():
        raise BadRequestError(f"site {value!r} doesn't exist")


class ValidatedFieldsFilter(filters.FieldsFilter):
    """Wagtail's ``?field=value`` filters, with each value checked against its model field first."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True)) - {"locale"}
        for name, value in request.GET.items():
            if name in fields:
                check_field_value(queryset.model, name, value)
        return super().filter_queryset(request, queryset, view)


def check_field_value(model, name: str, value: str) -> None:
    """A filter value that the field could store; Wagtail itself converts booleans, integers and keys only."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if isinstance(field, (models.BooleanField, TaggableManager)):
        return  # Wagtail parses booleans, and tags are names
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if not isinstance(field, models.Field):
        return
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, ValueError, TypeError) as error:
        messages = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        raise BadRequestError(
            f"field filter error. {value!r} is not a valid value for {name} ({messages})"
        ) from error


class ShopSearchFilter(filters.SearchFilter):
    """``?search=`` parsed as the shop's search box parses it: "phrases", and only words that can match."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if getattr(queryset, "_filtered_by_tag", False):
            raise BadRequestError("filtering by tag with a search query is not supported")
        operator = request.GET.get("search_operator", "and")
        query = parse_query(clean_query(request.GET["search"]).text, operator=operator)
        try:
            return queryset.search(query, order_by_relevance="order" not in request.GET)
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(
                f"cannot filter or order by '{error.field_name}' while searching"
            ) from error


def validated(filter_backends: list) -> list:
    replacements = {filters.FieldsFilter: ValidatedFieldsFilter, filters.SearchFilter: ShopSearchFilter}
    return [replacements.get(backend, backend) for backend in filter_backends]


class ValidatedParametersMixin:
    """Checks the query parameters before any view of the endpoint runs."""

    def initial(self, request, *args, **kwargs):
        # Before content negotiation, which answers an unknown ?format= with an empty 404.
        check_common_parameters(request)
        super().initial(request, *args, **kwargs)


def with_api_fields(queryset):
    """Products with everything their API fields read, fetched once for the whole listing."""
    if not issubclass(queryset.model, ProductPage):
        return queryset.select_related("locale")
    gallery = (
        ProductGalleryImage.objects.order_by("sort_order")
        .select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=renditions_matching([GALLERY_RENDITION])))
    )
    return queryset.select_related("brand", "locale").prefetch_related(
        "tags", Prefetch("gallery_images", queryset=gallery)
    )


def attach_categories(pages) -> None:
    """Give each product its category (the parent page) from one query, not two per product."""
    products = [page for page in pages if isinstance(page, ProductPage) and "category" not in page.__dict__]
    if not products:
        return
    parent_paths = {product.path[: -Page.steplen] for product in products}
    parents = {category.path: category for category in CategoryPage.objects.filter(path__in=parent_paths)}
    for product in products:
        parent = parents.get(product.path[: -Page.steplen])
        if parent is not None:
            # Fills ProductPage.category (a cached_property, which Django lets one set).
            product.category = parent


class PrefetchedTagsField(TagsField):
    """Tag names from the prefetched tags (Wagtail's field queries again for each page)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class ShopPageSerializer(PageSerializer):
    def build_property_field(self, field_name, model_class):
        field_class, kwargs = super().build_property_field(field_name, model_class)
        if field_class is TagsField:
            return PrefetchedTagsField, kwargs
        return field_class, kwargs


class ReadOnlyPagesAPIViewSet(ValidatedParametersMixin, PagesAPIViewSet):
    http_method_names = ["get", "head", "options"]
    filter_backends = validated(PagesAPIViewSet.filter_backends)
    base_serializer_class = ShopPageSerializer

    def get_queryset(self):
        return with_api_fields(super().get_queryset())

    def paginate_queryset(self, queryset):
        page = list(super().paginate_queryset(queryset))
        attach_categories(page)
        return page


class ShopImagesAPIViewSet(ValidatedParametersMixin, ImagesAPIViewSet):
    filter_backends = validated(ImagesAPIViewSet.filter_backends)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ReadOnlyPagesAPIViewSet)
api_router.register_endpoint("images", ShopImagesAPIViewSet)
