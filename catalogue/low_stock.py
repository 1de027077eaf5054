"""Which shelves are running low: products sold without variants, and each variant on its own.

A product's stock is the sum of its variants', so a product with a healthy total can
still have one size at its last item; staff need to see that size. Two flat queries,
whatever the number of products and variants.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef

from catalogue.models import ProductPage, ProductVariant


@dataclass(frozen=True)
class LowShelf:
    product_id: int
    title: str
    sku: str
    stock: int
    # "M / Blue" for a variant; empty for a product sold without variants.
    variant_label: str = ""

    @property
    def name(self) -> str:
        return f"{self.title} ({self.variant_label})" if self.variant_label else self.title


def low_stock_shelves(limit: int | None = None, threshold: int | None = None) -> list[LowShelf]:
    """Live shelves at or below the low-stock threshold, lowest first, then by name."""
    threshold = settings.SHOP_LOW_STOCK_THRESHOLD if threshold is None else threshold
    products = (
        ProductPage.objects.live()
        .filter(stock__lte=threshold)
        .exclude(Exists(ProductVariant.objects.filter(page=OuterRef("pk"))))
        .order_by("stock", "title", "pk")
        .values_list("pk", "title", "sku", "stock")
    )
    variants = (
        ProductVariant.objects.filter(page__live=True, stock__lte=threshold)
        .order_by("stock", "page__title", "sort_order", "pk")
        .select_related("page")
        .only("sku", "stock", "size", "colour", "material", "page__title")
    )
    if limit is not None:
        products, variants = products[:limit], variants[:limit]
    shelves = [LowShelf(*row) for row in products] + [
        LowShelf(variant.page_id, variant.page.title, variant.sku, variant.stock, variant.short_label)
        for variant in variants
    ]
    shelves.sort(key=lambda shelf: (shelf.stock, shelf.title, shelf.variant_label))
    return shelves[:limit] if limit is not None else shelves
