"""Product variants: the sizes, colours and materials a product is sold in, each with its own SKU and stock.

The option dimensions are fixed to the ones schema.org (``variesBy``) and Google
Merchant Center (``g:size``, ``g:color``, ``g:material``) understand, so every option
an editor types is one that shopping search can read. A variant's stock is live data
like the product's: revisions carry it, but saving content never writes it back.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .shelf import Shelf


@dataclass(frozen=True)
class OptionDimension:
    field: str
    label: str
    schema_property: str
    feed_element: str


OPTION_DIMENSIONS = (
    OptionDimension("size", "Size", "https://schema.org/size", "size"),
    OptionDimension("colour", "Colour", "https://schema.org/color", "color"),
    OptionDimension("material", "Material", "https://schema.org/material", "material"),
)
OPTION_FIELDS = tuple(dimension.field for dimension in OPTION_DIMENSIONS)


class ProductVariant(Shelf, Orderable):
    """One buyable version of a product (a size, a colour): its SKU, price, stock and picture."""

    # Like ProductPage.LIVE_ONLY_FIELDS: publishing an old revision must not undo sales.
    LIVE_ONLY_FIELDS = ("stock",)

    page = ParentalKey("catalogue.ProductPage", on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField("SKU", max_length=64, unique=True)
    size = models.CharField(max_length=40, blank=True)
    colour = models.CharField(max_length=40, blank=True)
    material = models.CharField(max_length=40, blank=True)
    price_override = models.DecimalField(
        "price",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave empty to sell this variant at the product's price.",
    )
    stock = models.PositiveIntegerField(default=0)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a shopper picks this variant; else the product's gallery.",
    )

    panels = [
        FieldRowPanel([FieldPanel("sku"), FieldPanel("price_override"), FieldPanel("stock")]),
        FieldRowPanel([FieldPanel("size"), FieldPanel("colour"), FieldPanel("material")]),
        FieldPanel("image"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "variant"

    def __str__(self):
        return f"{self.sku} ({self.options_label})" if self.options_label else self.sku

    def save(self, *args, **kwargs):
        # Publishing (modelcluster commits each child with a plain save()) writes the
        # content fields only: the stock service alone changes a live variant's stock.
        if self.pk is not None and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            if type(self).objects.filter(pk=self.pk).exists():
                kwargs["update_fields"] = [
                    field.name
                    for field in self._meta.concrete_fields
                    if not field.primary_key and field.name not in self.LIVE_ONLY_FIELDS
                ]
            else:
                # An old revision bringing back a deleted variant: the stock it held
                # then is not on the shelf now, so it returns sold out.
                self.stock = 0
        return super().save(*args, **kwargs)

    @property
    def base_price(self) -> Decimal:
        """The variant's own price, else the product's: what the pricing service starts from."""
        from catalogue.pricing.core import base_price

        return self.price_override if self.price_override is not None else base_price(self.page)

    @property
    def options(self) -> list[tuple[str, str]]:
        """(label, value) of each option this variant sets, in dimension order."""
        return [
            (dimension.label, getattr(self, dimension.field))
            for dimension in OPTION_DIMENSIONS
            if getattr(self, dimension.field)
        ]

    @property
    def options_label(self) -> str:
        """``Size: M, Colour: Blue``: what an order line and a cart line say about the choice."""
        return ", ".join(f"{label}: {value}" for label, value in self.options)

    @property
    def short_label(self) -> str:
        """``M / Blue``: the picker's wording; the SKU when no option is set."""
        return " / ".join(value for _, value in self.options) or self.sku
