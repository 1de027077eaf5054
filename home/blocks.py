"""StreamField blocks editors compose the front page (and other pages) from."""

from wagtail import blocks

from catalogue.blocks import (
    HERO_RENDITIONS,
    CategoryTilesBlock,
    FeaturedProductsBlock,
    ImageBlock,
    LatestStoriesBlock,
    PrefetchedImageChooserBlock,
    ProductBlock,
)
from home.rich_text import SafeRichTextBlock


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    image = PrefetchedImageChooserBlock(rendition_specs=HERO_RENDITIONS, required=False)
    link_page = blocks.PageChooserBlock(required=False)
    link_text = blocks.CharBlock(required=False, max_length=40, default="Shop now")

    class Meta:
        icon = "image"
        template = "blocks/hero_block.html"


class FeaturedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), min_num=1, max_num=12)

    class Meta:
        icon = "doc-full"
        template = "blocks/featured_pages_block.html"


class HomePageStreamBlock(blocks.StreamBlock):
    hero = HeroBlock()
    paragraph = SafeRichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock()
    featured_products = FeaturedProductsBlock()
    category_tiles = CategoryTilesBlock()
    latest_stories = LatestStoriesBlock()
    featured_pages = FeaturedPagesBlock()
    product = ProductBlock()
