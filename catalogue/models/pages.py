"""The catalogue's page types: categories form the tree, products are its leaves."""

import re

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Length, Substr
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from catalogue.blocks import ProductBodyBlock
from catalogue.forms.admin import StockEnteredOnceFormMixin
from catalogue.forms.listing import ListingFilterForm
from catalogue.identifiers import validate_gtin
from catalogue.panels import OptionalInlinePanel, VariantInlinePanel
from catalogue.pricing.tax import tax_class_choices
from catalogue.serializers import (
    BrandSerializer,
    CategorySerializer,
    GalleryImagesSerializer,
    PriceSerializer,
)
from home.pages.base import ShopPage

from .querysets import ProductPageManager
from .shelf import Shelf


class CategoryPage(ShopPage):
    """A shelf of the shop: lists its sub-categories and every live product beneath it."""

    intro = models.TextField(
        blank=True,
        max_length=600,
        help_text="Shown above the listing and used as the fallback meta description.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("hero_image")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "catalogue.CategoryPage"]
    subpage_types = ["catalogue.CategoryPage", "catalogue.ProductPage"]

    api_fields = [APIField("intro")]
    # Its hero image is the sharing image: fetch it with the page (see home.serving.routing).
    route_select_related = ("hero_image",)

    PRODUCTS_PER_PAGE = 24
    # What its listing reads from the query string (catalogue.listing); the page cache drops the rest.
    cached_query_params = ("page", *ListingFilterForm.base_fields)
    # Its listing shows products from its whole subtree (home.serving.cache_dependencies).
    cache_depends_on_subtree = True

    class Meta:
        verbose_name = "category"
        verbose_name_plural = "categories"

    def get_context(self, request, *args, **kwargs):
        from catalogue.listing import category_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(category_listing_context(self, request))
        return context


class ProductTag(TaggedItemBase):
    content_object = ParentalKey(
        "catalogue.ProductPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ProductPageAdminForm(StockEnteredOnceFormMixin, ShopPage.base_form_class):
    """The shared page form (SEO fields only for marketers), with stock typed in once."""


class ProductPage(Shelf, ShopPage):
    """A thing we sell. Content is versioned by Wagtail; stock and view counts are live data."""

    # Operational numbers, not content: a revision must never carry them, or
    # publishing an old draft would undo sales that happened since.
    LIVE_ONLY_FIELDS = ("stock", "view_count")
    # Besides the SEO fields, what a marketer (no content permission) may edit (home.pages.forms).
    MARKETER_FIELDS = ("sale_price", "sale_starts_at", "sale_ends_at")

    sku = models.CharField("SKU", max_length=64, unique=True)
    price = models.DecimalField(max_digits=10, decimal_places=2)
    # The sale: marketer-owned (MARKETER_FIELDS). While it runs, shoppers pay sale_price and
    # see price struck through as the compare-at price (catalogue.pricing).
    sale_price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Lower than the price. Empty: no sale.",
    )
    sale_starts_at = models.DateTimeField("sale starts", null=True, blank=True, help_text="Empty: now.")
    sale_ends_at = models.DateTimeField(
        "sale ends", null=True, blank=True, help_text="Empty: until the sale price is removed."
    )
    tax_class = models.CharField(
        max_length=32,
        default="standard",
        choices=tax_class_choices,
        help_text="The tax rate this product is sold at (settings.SHOP_TAX_CLASSES).",
    )
    stock = models.PositiveIntegerField(default=0)
    short_description = models.TextField(max_length=300, blank=True)
    body = StreamField(ProductBodyBlock(), blank=True, use_json_field=True)
    brand = models.ForeignKey(
        "catalogue.Brand", null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    tags = ClusterTaggableManager(through=ProductTag, blank=True)
    featured = models.BooleanField(default=False, help_text="Featured products lead their category listings.")
    gtin = models.CharField(
        "GTIN",
        max_length=14,
        blank=True,
        validators=[validate_gtin],
        help_text="The barcode number (EAN, UPC), if the product has one. Shopping feeds match on it.",
    )
    mpn = models.CharField(
        "MPN",
        max_length=70,
        blank=True,
        help_text="The maker's part number, for products without a GTIN.",
    )
    exclude_from_feed = models.BooleanField(
        "leave out of the product feed",
        default=False,
        help_text="Keeps the product out of /feeds/products.xml (Google Merchant Center and other shopping ads).",
    )
    view_count = models.PositiveIntegerField(default=0, editable=False)
    # A summary of the variants, worked out on each content save (save()), so that a
    # card shows "From €12.00" and "Choose options" without a query of its own.
    variant_count = models.PositiveSmallIntegerField(default=0, editable=False)
    price_min = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True, editable=False)
    price_max = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True, editable=False)

    objects = ProductPageManager()
    # Fetched with the page when it is served (see home.serving.routing).
    route_select_related = ("brand",)
    # Views are counted in Redis and flushed later (catalogue.services.view_counts).
    counts_views = True
    # The variant shown (catalogue.variant_picker); the page cache keeps one copy per variant.
    cached_query_params = ("variant",)

    base_form_class = ProductPageAdminForm

    def chrome_linked_tags(self) -> set[str]:
        """What the linked stories depend on: whichever stories feature this product."""
        from catalogue.invalidation import stories_of_tag

        return {stories_of_tag(self.pk)}

    def chrome_linked_pages(self):
        """The stories featuring this product, to load in the page chrome's query (home.serving.chrome), with their dates."""
        from catalogue.selectors import stories_featuring_ids

        if self.pk is None:
            return None
        return stories_featuring_ids(self), {"date": F("storypage__date")}

    content_panels = Page.content_panels + [
        FieldPanel("short_description"),
        OptionalInlinePanel("gallery_images", label="Gallery images", heading="Gallery"),
        FieldPanel("body"),
    ]
    commerce_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("sku"), FieldPanel("price")]), FieldPanel("stock")],
            heading="Price and stock",
        ),
        FieldPanel("tax_class"),
        MultiFieldPanel(
            [
                FieldPanel("sale_price"),
                FieldRowPanel([FieldPanel("sale_starts_at"), FieldPanel("sale_ends_at")]),
            ],
            heading="Sale",
            help_text="Marketers set sales here; promotions (Promotions in the menu) can cut prices further.",
        ),
        MultiFieldPanel([FieldRowPanel([FieldPanel("gtin"), FieldPanel("mpn")])], heading="Identifiers"),
        MultiFieldPanel(
            [FieldPanel("brand"), FieldPanel("tags"), FieldPanel("featured")], heading="Merchandising"
        ),
        VariantInlinePanel(
            "variants",
            label="Variant",
            heading="Options and variants",
            help_text=(
                "Sizes, colours or materials sold separately, each with its own SKU and stock. "
                "A product with variants is bought by variant: its stock is the sum of theirs."
            ),
        ),
        OptionalInlinePanel("related_product_links", label="Related products", heading="Related products"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(commerce_panels, heading="Commerce"),
            ObjectList(
                [
                    *ShopPage.promote_panels,
                    MultiFieldPanel([FieldPanel("exclude_from_feed")], heading="Shopping feed"),
                ],
                heading="Promote",
            ),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    # Page.search_fields already index the title (boosted) and autocomplete on it.
    # The filter fields are every field the search view filters, sorts or facets on.
    search_fields = Page.search_fields + [
        index.SearchField("sku_words"),
        index.SearchField("short_description"),
        index.SearchField("body"),
        index.SearchField("category_title"),
        index.FilterField("category_path"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "variants", [index.SearchField(name) for name in ("sku", "size", "colour", "material")]
        ),
        index.RelatedFields("brand", [index.SearchField("name"), index.FilterField("slug")]),
        index.FilterField("brand"),
        index.FilterField("price"),
        index.FilterField("stock"),
    ]

    parent_page_types = ["catalogue.CategoryPage"]
    subpage_types = []

    api_fields = [
        APIField("sku"),
        APIField("price", serializer=PriceSerializer(source="*")),
        APIField("currency"),
        APIField("stock_state"),
        APIField("in_stock"),
        APIField("short_description"),
        APIField("brand", serializer=BrandSerializer()),
        APIField("tags"),
        APIField("category", serializer=CategorySerializer()),
        APIField("images", serializer=GalleryImagesSerializer(source="gallery")),
    ]

    class Meta:
        verbose_name = "product"

    def clean(self):
        super().clean()
        from catalogue.pricing.rules import validate_sale

        validate_sale(self)

    def save(self, *args, **kwargs):
        content_save = kwargs.get("update_fields") is None
        if content_save:
            self.summarise_variants()
        if not self._state.adding and kwargs.get("update_fields") is None:
            # Saving content (a publish, a revert) writes everything but the
            # live-only numbers, which only the stock and view services change.
            # Child relations (gallery, tags, related) must be named too, or
            # modelcluster would skip committing them.
            kwargs["update_fields"] = self.content_field_names()
        result = super().save(*args, **kwargs)
        if content_save and self.variant_count:
            self.sync_stock_with_variants()
        return result

    def summarise_variants(self) -> None:
        """Count the variants and their price range, from the variants the page holds now (maybe unsaved)."""
        from catalogue.pricing.core import base_price

        regular = base_price(self)
        prices = [
            variant.price_override if variant.price_override is not None else regular
            for variant in self.variants.all()
        ]
        self.variant_count = len(prices)
        self.price_min = min(prices) if prices else None
        self.price_max = max(prices) if prices else None

    def sync_stock_with_variants(self) -> None:
        """A product with variants holds the sum of their stock (variants added or removed in the editor).

        The product row is locked first, as the stock service locks it before a
        variant, so a sale in flight finishes before the sum is read.
        """
        from .variants import ProductVariant

        with transaction.atomic():
            list(ProductPage.objects.select_for_update().filter(pk=self.pk).values_list("pk", flat=True))
            total = ProductVariant.objects.filter(page_id=self.pk).aggregate(total=Sum("stock"))["total"] or 0
            ProductPage.objects.filter(pk=self.pk).update(stock=total)
        self.stock = total

    @classmethod
    def content_field_names(cls) -> list[str]:
        concrete = [
            field.name
            for field in cls._meta.concrete_fields
            if not field.primary_key and field.name not in cls.LIVE_ONLY_FIELDS and field.name != "id"
        ]
        children = [relation.get_accessor_name() for relation in get_all_child_relations(cls)]
        return concrete + children + [field.name for field in get_all_child_m2m_relations(cls)]

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.LIVE_ONLY_FIELDS:
            setattr(obj, name, getattr(self, name))
        if self.pk is not None:
            from .variants import ProductVariant

            # A revision's variant stock is a stale snapshot: show and keep the live numbers.
            live = dict(ProductVariant.objects.filter(page_id=self.pk).values_list("pk", "stock"))
            # A variant new in the draft keeps the opening stock typed into it.
            for variant in obj.variants.all():
                if variant.pk is not None:
                    variant.stock = live.get(variant.pk, 0)
        return obj

    @property
    def has_variants(self) -> bool:
        return self.variant_count > 0

    @property
    def display_price(self):
        """The price a card or listing shows: the lowest variant's for a product with variants."""
        from catalogue.pricing.core import base_price

        return self.price_min if self.has_variants and self.price_min is not None else base_price(self)

    @property
    def price_is_from(self) -> bool:
        """Whether the variants' prices differ, so the price shown is "from" the lowest."""
        return self.has_variants and self.price_min != self.price_max

    @property
    def currency(self) -> str:
        return settings.SHOP_CURRENCY

    @cached_property
    def gallery(self):
        return list(self.gallery_images.all())

    @property
    def main_image(self):
        return self.gallery[0].image if self.gallery else None

    @cached_property
    def category(self):
        return self.get_parent().specific

    @property
    def category_title(self) -> str:
        """The parent category's title, indexed so that a search for "knives" finds every knife."""
        if "indexed_category_title" in self.__dict__:
            return self.indexed_category_title or ""
        if "category" in self.__dict__:
            return self.category.title
        return self.get_parent().title

    @property
    def sku_words(self) -> str:
        """The SKU as words ("KN-001" gives "KN 001"): PostgreSQL would index "-001" as a negative number."""
        return re.sub(r"[^0-9A-Za-z]+", " ", self.sku).strip()

    @property
    def category_path(self) -> str:
        """The parent category's tree path, read from the page's own path: search facets group by it."""
        return self.path[: -self.steplen]

    @classmethod
    def get_indexed_objects(cls):
        # Bulk indexing (update_index, the demo loader) reads every category title in
        # the same query as the products, instead of one query per product.
        parent = Page.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        )
        return (
            super()
            .get_indexed_objects()
            .annotate(indexed_category_title=Subquery(parent.values("title")[:1]))
        )

    def related_products(self):
        from catalogue.product_detail import related_products

        return related_products(self)

    @property
    def preview_modes(self):
        # The search-result and share-card modes come from ShopPage.
        return [("", "Product page"), ("card", "Listing card"), *super().preview_modes[1:]]

    def serve_preview(self, request, mode_name):
        if mode_name == "card":
            # The card as shoppers meet it in listings, search and stories.
            return TemplateResponse(
                request, "catalogue/product_card_preview.html", {"product": self, "page": self}
            )
        return super().serve_preview(request, mode_name)

    def get_context(self, request, *args, **kwargs):
        from catalogue.product_detail import product_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(product_detail_context(self, request))
        return context


class ProductGalleryImage(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class ProductRelatedProduct(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="related_product_links")
    product = models.ForeignKey(ProductPage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("product")]
