"""Test factories for the catalogue's pages, snippets and reviews.

Pages are built with wagtail-factories, so they go into the tree through
``parent=``: ``ProductPageFactory(parent=category)``. A factory page is live and
carries a publication date, like a page an editor has published, but it has no
revision: tests that need one call ``save_revision().publish()`` themselves.
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.blocks import RichTextBlock
from wagtail.models import Collection, Site
from wagtail.rich_text import RichText

from catalogue.blocks import (
    ProductBlock,
    ProductBodyBlock,
    SpecificationRowBlock,
    SpecificationTableBlock,
    StoryBodyBlock,
)
from catalogue.models import (
    Brand,
    CategoryPage,
    ProductGalleryImage,
    ProductPage,
    ProductRelatedProduct,
    Review,
    StoryIndexPage,
    StoryPage,
)
from users.factories import UserFactory


def site_root_page():
    """The default site's home page, which home/migrations/0002 creates: the parent of top-level pages."""
    return Site.objects.get(is_default_site=True).root_page.specific


class ImageFactory(wagtail_factories.ImageFactory):
    # wagtail-factories gives every image a brand-new root collection; real images
    # live under the one root, and choosers and permissions assume so.
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=320, height=320, color="teal")


class LivePageFactory(wagtail_factories.PageFactory):
    """A page as an editor leaves it after publishing: live, with its publication dates set."""

    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        abstract = True


class CategoryPageFactory(LivePageFactory):
    title = factory.Sequence(lambda n: f"Category {n}")
    intro = factory.Faker("sentence", nb_words=12)
    hero_image = None

    class Meta:
        model = CategoryPage

    class Params:
        with_hero_image = factory.Trait(hero_image=factory.SubFactory(ImageFactory))


class BrandFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Brand {n}")
    slug = factory.LazyAttribute(lambda brand: slugify(brand.name))
    description = factory.Faker("sentence", nb_words=10)
    logo = None

    class Meta:
        model = Brand
        django_get_or_create = ("slug",)

    class Params:
        with_logo = factory.Trait(logo=factory.SubFactory(ImageFactory))


class ParagraphBlockFactory(wagtail_factories.blocks.BlockFactory):
    """Rich text for a StreamField paragraph; pass ``value="<p>…</p>"`` to choose the text."""

    value = "<p>Made to last and easy to look after.</p>"

    class Meta:
        model = RichTextBlock

    @classmethod
    def _construct_block(cls, block_class, *args, value="", **kwargs):
        return RichText(value)


class SpecificationRowBlockFactory(wagtail_factories.StructBlockFactory):
    name = factory.Sequence(lambda n: f"Property {n}")
    value = "Value"

    class Meta:
        model = SpecificationRowBlock


class SpecificationTableBlockFactory(wagtail_factories.StructBlockFactory):
    heading = "Specifications"
    rows = wagtail_factories.ListBlockFactory(SpecificationRowBlockFactory)

    class Meta:
        model = SpecificationTableBlock


class ProductBodyBlockFactory(wagtail_factories.StreamBlockFactory):
    """``ProductPageFactory(body__0__specifications__rows__0__name="Weight", ...)`` builds a body."""

    paragraph = factory.SubFactory(ParagraphBlockFactory)
    specifications = factory.SubFactory(SpecificationTableBlockFactory)

    class Meta:
        model = ProductBodyBlock


class ProductPageFactory(LivePageFactory):
    """A live product; ``gallery_image=True`` (or an image) also gives it a gallery picture.

    ``tags=["steel", "gift"]`` tags it.
    """

    title = factory.Sequence(lambda n: f"Product {n}")
    sku = factory.Sequence(lambda n: f"TEST-{n:06d}")
    price = factory.Faker("pydecimal", left_digits=3, right_digits=2, min_value=1, max_value=500)
    stock = 10
    short_description = factory.Faker("sentence", nb_words=14)
    body = wagtail_factories.StreamFieldFactory(ProductBodyBlockFactory)
    brand = None
    featured = False

    class Meta:
        model = ProductPage
        skip_postgeneration_save = True

    @factory.post_generation
    def gallery_image(product, create, extracted, **kwargs):
        if not create or not extracted:
            return
        image = extracted if extracted is not True else ImageFactory(title=f"{product.title} photo")
        ProductGalleryImageFactory(page=product, image=image, **kwargs)

    @factory.post_generation
    def tags(product, create, extracted, **kwargs):
        if not create or not extracted:
            return
        product.tags.add(*extracted)
        # The cluster holds new tags in memory until its child relations are committed;
        # committing just the tags spares a full page save.
        product.tagged_items.commit()


class ProductGalleryImageFactory(factory.django.DjangoModelFactory):
    page = None  # a product is always passed in: products only exist under a category
    image = factory.SubFactory(ImageFactory)
    caption = ""

    class Meta:
        model = ProductGalleryImage


class ProductRelatedProductFactory(factory.django.DjangoModelFactory):
    page = None
    product = None

    class Meta:
        model = ProductRelatedProduct


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review, approved by default; pass ``status="pending"`` for one awaiting moderation."""

    product = None  # pass the product: it needs a category, which a review cannot invent
    user = factory.SubFactory(UserFactory)
    rating = 4
    title = factory.Faker("sentence", nb_words=4)
    body = factory.Faker("paragraph", nb_sentences=3)
    status = Review.Status.APPROVED

    class Meta:
        model = Review


class StoryIndexPageFactory(LivePageFactory):
    title = "Stories"
    intro = factory.Faker("sentence", nb_words=12)

    class Meta:
        model = StoryIndexPage


class ProductBlockFactory(wagtail_factories.StructBlockFactory):
    product = None  # the product to embed: ``body__0__product__product=product``
    note = ""

    class Meta:
        model = ProductBlock


class StoryBodyBlockFactory(wagtail_factories.StreamBlockFactory):
    """``StoryPageFactory(body__0__product__product=product, body__0__product__note="Our pick")``."""

    paragraph = factory.SubFactory(ParagraphBlockFactory)
    product = factory.SubFactory(ProductBlockFactory)

    class Meta:
        model = StoryBodyBlock


class StoryPageFactory(LivePageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    intro = factory.Faker("sentence", nb_words=16)
    hero_image = None
    body = wagtail_factories.StreamFieldFactory(StoryBodyBlockFactory)

    class Meta:
        model = StoryPage


__all__ = [
    "BrandFactory",
    "CategoryPageFactory",
    "ImageFactory",
    "ProductBodyBlockFactory",
    "ProductGalleryImageFactory",
    "ProductPageFactory",
    "ProductRelatedProductFactory",
    "ReviewFactory",
    "StoryBodyBlockFactory",
    "StoryIndexPageFactory",
    "StoryPageFactory",
    "site_root_page",
]
