"""Catalogue reads: the category tree and one product.

The product list (browsing and searching) is ``search.rest``: it needs the search
selectors, which sit on top of the catalogue.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import CategoryPage, ProductGalleryImage, ProductPage, ProductVariant
from catalogue.models.querysets import CARD_RENDITION_FILTERS, renditions_matching
from catalogue.rest import examples
from catalogue.rest.caching import content_cached
from catalogue.rest.errors import ErrorSerializer
from catalogue.rest.serializers import (
    CategoryNodeSerializer,
    ProductDetailSerializer,
)
from catalogue.serializers import GALLERY_RENDITION

MAX_ID = 2**63 - 1


def product_id_or_404(raw: str) -> int:
    if not raw.isdecimal() or not raw.isascii() or int(raw) < 1 or int(raw) > MAX_ID:
        raise NotFound("No such product.")
    return int(raw)


class CategoryTreeView(APIView):
    @extend_schema(
        operation_id="categories_tree",
        summary="The category tree",
        description="Every live, public category, nested under its parent. Products of a category "
        "include those of its whole subtree (see the products' `category` filter).",
        responses={200: CategoryNodeSerializer(many=True)},
        examples=[
            examples.response(
                "Tree",
                [
                    {
                        "id": 5,
                        "title": "Kitchen",
                        "slug": "kitchen",
                        "url": "/kitchen/",
                        "depth": 1,
                        "children": [
                            {
                                "id": 7,
                                "title": "Knives",
                                "slug": "knives",
                                "url": "/kitchen/knives/",
                                "depth": 2,
                                "children": [],
                            }
                        ],
                    }
                ],
            )
        ],
        tags=["catalogue"],
    )
    @content_cached
    def get(self, request):
        categories = list(
            CategoryPage.objects.live()
            .public()
            .order_by("path")
            .only("id", "title", "slug", "url_path", "path", "depth")
        )
        nodes, roots = {}, []
        top = min((category.depth for category in categories), default=0)
        for category in categories:
            node = {
                "id": category.pk,
                "title": category.title,
                "slug": category.slug,
                "url": category.url,
                "depth": category.depth - top + 1,
                "children": [],
            }
            nodes[category.path] = node
            parent = nodes.get(category.path[: -CategoryPage.steplen])
            (parent["children"] if parent else roots).append(node)
        # A category under an unpublished one has no parent here; it is left out, as on the site.
        return Response([node for node in roots if node["depth"] == 1])


def product_for_detail(product_id: int) -> ProductPage:
    gallery = (
        ProductGalleryImage.objects.order_by("sort_order")
        .select_related("image")
        .prefetch_related(
            Prefetch(
                "image__renditions",
                queryset=renditions_matching([*CARD_RENDITION_FILTERS, GALLERY_RENDITION]),
            )
        )
    )
    product = (
        ProductPage.objects.live()
        .public()
        .filter(pk=product_id)
        .with_rating()
        .select_related("brand")
        .prefetch_related(
            Prefetch("gallery_images", queryset=gallery),
            "tags",
            Prefetch("variants", queryset=ProductVariant.objects.order_by("sort_order", "pk")),
        )
        .first()
    )
    if product is None:
        raise NotFound("No such product.")
    return product


class ProductDetailView(APIView):
    @extend_schema(
        operation_id="products_retrieve",
        summary="One product, with its gallery and reviews summary",
        description="A product with variants (has_variants) lists them under `variants`, each with its "
        "own SKU, options, price and stock; a cart line for it names one by `variant_id`.",
        responses={200: ProductDetailSerializer, 404: ErrorSerializer},
        examples=[examples.response("A product", examples.PRODUCT_DETAIL), examples.NOT_FOUND],
        tags=["catalogue"],
    )
    @content_cached
    def get(self, request, product_id: str):
        product = product_for_detail(product_id_or_404(product_id))
        return Response(ProductDetailSerializer(product, context={"request": request}).data)
