"""StreamField blocks for products and stories, and the shoppable product block."""

import copy

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from home.rich_text import SafeRichTextBlock

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
    "GalleryBlock",
    "ImageBlock",
    "ProductBlock",
    "ProductBodyBlock",
    "QuoteBlock",
    "SpecificationTableBlock",
    "StoryBodyBlock",
]
