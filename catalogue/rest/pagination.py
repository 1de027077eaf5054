"""Page-number pagination for the API, on the catalogue's own one-query paginators.

``page`` and ``page_size`` are checked like every other parameter (400 when invalid);
a page past the end is a 404, as in the HTML listings.
"""

from django.core.paginator import Page as PaginatorPage
from rest_framework import serializers
from rest_framework.response import Response

DEFAULT_PAGE_SIZE = 24
MAX_PAGE_SIZE = 100


class QueryParamsSerializer(serializers.Serializer):
    """Query parameters: a parameter given empty (``?tag=``) is refused unless it may be blank,
    where DRF would quietly treat it as absent and the schema says it is too short."""

    def validate(self, attrs):
        blank = [
            name
            for name, field in self.fields.items()
            if self.initial_data.get(name) == "" and not getattr(field, "allow_blank", False)
        ]
        if blank:
            raise serializers.ValidationError({name: ["This parameter may not be empty."] for name in blank})
        return super().validate(attrs)


class PageParamsSerializer(QueryParamsSerializer):
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=100_000)
    page_size = serializers.IntegerField(
        required=False, default=DEFAULT_PAGE_SIZE, min_value=1, max_value=MAX_PAGE_SIZE
    )


def paged_response(page: PaginatorPage, results: list, page_size: int) -> Response:
    return Response(
        {
            "count": page.paginator.count,
            "page": page.number,
            "page_size": page_size,
            "pages": page.paginator.num_pages,
            "results": results,
        }
    )


def paged_serializer(name: str, item_serializer) -> type[serializers.Serializer]:
    """The envelope of a paged list, for the schema."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(help_text="Items on all pages."),
            "page": serializers.IntegerField(),
            "page_size": serializers.IntegerField(),
            "pages": serializers.IntegerField(),
            "results": item_serializer(many=True),
        },
    )
