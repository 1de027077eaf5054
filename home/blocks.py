"""StreamField blocks of the front page, and how the shop's own blocks join them.

``home`` imports nothing from the apps above it, so the front page's palette is
named in settings: ``SHOP_HOME_PAGE_BLOCKS`` lists every block, in the order the
editor sees them, as ``(name, dotted path)``, the path naming a block class or a
function that returns a block. home's own blocks (the hero, a paragraph, a row of
featured pages) sit beside the shop's (product rows, category tiles, stories).

The list is read once, when ``home.models`` is imported, so the HomePage field is
the same for every process and for ``makemigrations``: changing the setting
changes the field, and needs a migration like any other field change.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from home.pages.rich_text import SafeRichTextBlock

PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]

# What templates/blocks/hero_block.html renders, so the hero's picture loads with the block.
HERO_RENDITIONS = ("fill-1600x700|format-webp", "fill-800x600|format-webp")


class PrefetchedImageChooserBlock(ImageChooserBlock):
    """An image chooser that loads all its images, and their renditions for ``rendition_specs``, in two queries.

    The specs must match what the block's template asks ``{% image %}`` for, or the
    template falls back to one query per picture.
    """

    def __init__(self, rendition_specs=(), **kwargs):
        self.rendition_specs = tuple(rendition_specs)
        super().__init__(**kwargs)

    def deconstruct(self):
        # Migrations record a plain image chooser: the specs are a render-time detail.
        _path, args, kwargs = super().deconstruct()
        kwargs = {name: value for name, value in kwargs.items() if name != "rendition_specs"}
        return "wagtail.images.blocks.ImageChooserBlock", args, kwargs

    def bulk_to_python(self, values):
        if not self.rendition_specs:
            return super().bulk_to_python(values)
        images = (
            get_image_model()
            .objects.prefetch_renditions(*self.rendition_specs)
            .in_bulk([value for value in values if value])
        )
        return [images.get(value) for value in values]


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


def paragraph_block() -> SafeRichTextBlock:
    """Rich text with the front page's features (a function: the block takes arguments)."""
    return SafeRichTextBlock(features=PARAGRAPH_FEATURES, template="blocks/paragraph_block.html")


# The front page without any app above home: what SHOP_HOME_PAGE_BLOCKS falls back to.
OWN_BLOCKS = (
    ("hero", "home.blocks.HeroBlock"),
    ("paragraph", "home.blocks.paragraph_block"),
    ("featured_pages", "home.blocks.FeaturedPagesBlock"),
)


def home_page_blocks() -> list[tuple[str, blocks.Block]]:
    """The front page's blocks as ``(name, block)``, in the order SHOP_HOME_PAGE_BLOCKS gives."""
    entries = getattr(settings, "SHOP_HOME_PAGE_BLOCKS", OWN_BLOCKS)
    return [(name, import_string(path)()) for name, path in entries]
