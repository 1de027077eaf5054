"""The renditions the catalogue's templates render, registered with home.renditions.

Registered once from CatalogueConfig.ready(): home makes them when an image is saved
or a page published, so a shopper's first visit finds them made. Each group lists the
specs that a kind of picture is shown at (a template that starts showing another size
adds it here, and ``manage.py make_renditions`` fills it in for the pictures already
uploaded).
"""

from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from catalogue.structured_data import ARTICLE_IMAGE_RENDITION
from home.renditions import register_renditions
from home.seo.rules import OG_RENDITION

# templates/blocks/gallery_block.html
GALLERY_BLOCK_RENDITIONS = ("fill-400x300|format-webp",)
# A story page's hero (templates/catalogue/story_page.html), its Article JSON-LD image and
# its sharing image: what StoryPage.get_context prefetches, so it must be complete.
STORY_PAGE_RENDITIONS = ("width-1200|format-webp", ARTICLE_IMAGE_RENDITION, OG_RENDITION)


def gallery_pictures(images):
    """A product's pictures: its gallery's, and its variants' (shown in the gallery's place)."""
    from catalogue.models import ProductGalleryImage, ProductVariant

    return images.filter(
        Q(pk__in=ProductGalleryImage.objects.values("image_id"))
        | Q(pk__in=ProductVariant.objects.filter(image__isnull=False).values("image_id"))
    )


def _category_heroes(images):
    from catalogue.models import CategoryPage

    return images.filter(pk__in=CategoryPage.objects.filter(hero_image__isnull=False).values("hero_image"))


def _story_heroes(images):
    from catalogue.models import StoryPage

    return images.filter(pk__in=StoryPage.objects.filter(hero_image__isnull=False).values("hero_image"))


def _body_pictures(images):
    """Pictures chosen in a page's StreamField body (heroes, tiles, image and gallery blocks)."""
    from django.contrib.contenttypes.models import ContentType

    referenced = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_image_model()), content_path__startswith="body."
    ).values_list(Cast("to_object_id", IntegerField()), flat=True)
    return images.filter(pk__in=referenced)


def register() -> None:
    from catalogue.blocks import TILE_RENDITIONS
    from catalogue.merchandising import IMAGE_BLOCK_RENDITIONS
    from catalogue.models.querysets import CARD_RENDITION_FILTERS
    from catalogue.product_detail import GALLERY_RENDITIONS
    from catalogue.selectors import STORY_CARD_RENDITIONS
    from home.blocks import HERO_RENDITIONS

    # Cards (listings, search, cart, the API), the product page's gallery and its sharing image.
    register_renditions(
        "catalogue.product_gallery", [*CARD_RENDITION_FILTERS, *GALLERY_RENDITIONS], images=gallery_pictures
    )
    # A category's tile on the home page, and its sharing image.
    register_renditions("catalogue.category_hero", [*TILE_RENDITIONS, OG_RENDITION], images=_category_heroes)
    # A story's card, its page's hero, its Article JSON-LD and its sharing image.
    register_renditions(
        "catalogue.story_hero",
        [*STORY_CARD_RENDITIONS, *STORY_PAGE_RENDITIONS],
        images=_story_heroes,
    )
    register_renditions(
        "catalogue.body_pictures",
        [*HERO_RENDITIONS, *TILE_RENDITIONS, *IMAGE_BLOCK_RENDITIONS, *GALLERY_BLOCK_RENDITIONS],
        images=_body_pictures,
    )
