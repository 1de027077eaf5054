"""StreamField blocks for products and stories, and the shoppable product block."""

import copy

from django.db.models import Prefetch
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import PrefetchedImageChooserBlock
from home.pages.rich_text import SafeRichTextBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(ImageChooserBlock(), min_num=1, max_num=12)
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"


class SpecificationRowBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80)
    value = blocks.CharBlock(max_length=250)


class SpecificationTableBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, default="Specifications")
    rows = blocks.ListBlock(SpecificationRowBlock(), min_num=1)

    class Meta:
        icon = "table"
        template = "blocks/specification_table_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=800)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class ProductChooserBlock(blocks.PageChooserBlock):
    """Chooses a product; loads every chosen product of a page card-ready, in a fixed number of queries."""

    def __init__(self, **kwargs):
        super().__init__(page_type="catalogue.ProductPage", **kwargs)

    def bulk_to_python(self, values):
        from catalogue.models import ProductPage

        # Unpublished products load too, or an editor re-saving the page would
        # lose the choice; the card decides at render time what to show.
        products = ProductPage.objects.with_rating().with_privacy().for_cards().in_bulk(values)
        result, seen = [], set()
        for product_id in values:
            product = products.get(product_id)
            result.append(copy.copy(product) if product is not None and product_id in seen else product)
            seen.add(product_id)
        return result


class ProductBlock(blocks.StructBlock):
    """A product card inside editorial content, rendered from the live product at view time."""

    product = ProductChooserBlock()
    note = blocks.CharBlock(required=False, max_length=200, help_text="Optional line shown under the card.")

    class Meta:
        icon = "tag"
        template = "blocks/product_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        product = value["product"]
        # Price and stock are read at render time; a withdrawn product simply disappears.
        visible = product is not None and product.live and not getattr(product, "is_private", False)
        context["product"] = product if visible else None
        return context


# What the category tiles' template renders, so their images load with the block.
TILE_RENDITIONS = ("fill-600x450|format-webp",)


def _preloaded_rows(parent_context):
    """What catalogue.merchandising loaded for the block being rendered, or None if it did not."""
    if not parent_context:
        return None
    return parent_context.get("merchandising", {}).get(parent_context.get("block_id"))


class FeaturedProductsBlock(blocks.StructBlock):
    """A row of product cards: the editor's picks, or the best sellers when none can be bought."""

    heading = blocks.CharBlock(max_length=120, default="Featured products")
    products = blocks.ListBlock(
        ProductChooserBlock(),
        min_num=0,
        max_num=12,
        help_text="Leave empty, or pick only sold-out products, to show the best sellers.",
    )
    limit = blocks.IntegerBlock(
        min_value=2, max_value=12, default=4, help_text="How many cards the row shows at most."
    )

    class Meta:
        icon = "pick"
        template = "blocks/featured_products_block.html"

    def get_context(self, value, parent_context=None):
        from catalogue.selectors import featured_products

        context = super().get_context(value, parent_context=parent_context)
        preloaded = _preloaded_rows(parent_context)
        if preloaded is not None:
            context["products"] = preloaded
        else:
            context["products"] = featured_products(value["products"], limit=value["limit"] or 4)
        return context


class CategoryChooserBlock(blocks.PageChooserBlock):
    """Chooses a category; loads all chosen categories with their hero pictures and tile renditions in two queries."""

    def __init__(self, **kwargs):
        super().__init__(page_type="catalogue.CategoryPage", **kwargs)

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, {"page_type": "catalogue.CategoryPage", **kwargs}

    def bulk_to_python(self, values):
        from catalogue.models import CategoryPage
        from catalogue.models.querysets import renditions_matching

        categories = (
            CategoryPage.objects.select_related("hero_image")
            .prefetch_related(
                Prefetch("hero_image__renditions", queryset=renditions_matching(TILE_RENDITIONS))
            )
            .in_bulk([value for value in values if value])
        )
        return [categories.get(value) for value in values]


class CategoryTileBlock(blocks.StructBlock):
    category = CategoryChooserBlock()
    image = PrefetchedImageChooserBlock(
        rendition_specs=TILE_RENDITIONS,
        required=False,
        help_text="Defaults to the category's own hero image.",
    )
    label = blocks.CharBlock(required=False, max_length=60, help_text="Defaults to the category's title.")


class CategoryTilesBlock(blocks.StructBlock):
    """Pictures that lead into categories ("Shop by category")."""

    heading = blocks.CharBlock(max_length=120, default="Shop by category")
    tiles = blocks.ListBlock(CategoryTileBlock(), min_num=1, max_num=12)

    class Meta:
        icon = "folder-open-inverse"
        template = "blocks/category_tiles_block.html"


class LatestStoriesBlock(blocks.StructBlock):
    """A rail of the newest stories, read when the page renders."""

    heading = blocks.CharBlock(max_length=120, default="From our stories")
    limit = blocks.IntegerBlock(min_value=1, max_value=6, default=3)

    class Meta:
        icon = "doc-full"
        template = "blocks/latest_stories_block.html"

    def get_context(self, value, parent_context=None):
        from catalogue.selectors import latest_stories

        context = super().get_context(value, parent_context=parent_context)
        preloaded = _preloaded_rows(parent_context)
        context["stories"] = preloaded if preloaded is not None else latest_stories(value["limit"] or 3)
        return context


class ProductBodyBlock(blocks.StreamBlock):
    paragraph = SafeRichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html")
    image = ImageBlock()
    gallery = GalleryBlock()
    specifications = SpecificationTableBlock()
    quote = QuoteBlock()


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = SafeRichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html")
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    product = ProductBlock()


__all__ = [
    "CategoryTilesBlock",
    "FeaturedProductsBlock",
    "GalleryBlock",
    "LatestStoriesBlock",
    "ImageBlock",
    "ProductBlock",
    "ProductBodyBlock",
    "QuoteBlock",
    "SpecificationTableBlock",
    "StoryBodyBlock",
]
