"""StreamField blocks for products and stories, and the shoppable product block."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from catalogue.shoppable import live_products_by_id

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


class ProductBlock(blocks.StructBlock):
    """A product card inside editorial content, rendered from the live product at view time."""

    product = blocks.PageChooserBlock(page_type="catalogue.ProductPage")
    note = blocks.CharBlock(required=False, max_length=200, help_text="Optional line shown under the card.")

    class Meta:
        icon = "tag"
        template = "blocks/product_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        chosen = value["product"]
        prefetched = (parent_context or {}).get("shoppable_products")
        if chosen is None:
            context["product"] = None
        elif prefetched is not None:
            # The page fetched every embedded product in one go (see catalogue.shoppable).
            context["product"] = prefetched.get(chosen.pk)
        else:
            context["product"] = live_products_by_id([chosen.pk]).get(chosen.pk)
        return context


class ProductBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html")
    image = ImageBlock()
    gallery = GalleryBlock()
    specifications = SpecificationTableBlock()
    quote = QuoteBlock()


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html")
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
