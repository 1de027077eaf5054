"""Reads that put products and stories side by side: what the home page features, what a
product page links to. Each answers in a fixed number of queries, whatever the catalogue's size."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Prefetch
from django.db.models.functions import Cast
from wagtail.models import ReferenceIndex

from catalogue.models import ProductPage, StoryPage
from catalogue.models.querysets import renditions_matching

# The story teaser's picture, as templates/includes/story_card.html asks for it.
STORY_CARD_RENDITIONS = ("fill-600x400|format-webp",)


def is_available(product) -> bool:
    """Can a shopper buy this product now: published, public and on the shelf."""
    return (
        product is not None
        and product.live
        and not getattr(product, "is_private", False)
        and product.in_stock
    )


def best_sellers(limit: int, exclude: Iterable[int] = ()) -> list[ProductPage]:
    """The live, public, in-stock products sold most (by units on orders that were not cancelled)."""
    queryset = (
        ProductPage.objects.live()
        .public()
        .in_stock()
        .with_units_sold()
        .with_rating()
        .for_cards()
        .exclude(pk__in=list(exclude))
        .order_by("-units_sold", "-featured", "-first_published_at", "pk")
    )
    return list(queryset[:limit])


def featured_products(picked: Iterable, limit: int) -> list[ProductPage]:
    """The editor's picks that can be bought, in their order; best sellers when none can.

    A pick that is unpublished, private or sold out is skipped rather than shown as a
    dead end. Picks are never topped up with best sellers: an editor who chose three
    products meant three.
    """
    chosen = [product for product in picked if is_available(product)][:limit]
    return chosen or best_sellers(limit)


def story_teasers(queryset):
    """Live, public stories with their teaser picture's rendition, ready for includes/story_card.html."""
    return (
        queryset.live()
        .public()
        .select_related("hero_image")
        .prefetch_related(
            Prefetch("hero_image__renditions", queryset=renditions_matching(STORY_CARD_RENDITIONS))
        )
    )


def latest_stories(limit: int) -> list[StoryPage]:
    """The newest published stories, with their teaser pictures, in two queries."""
    return list(story_teasers(StoryPage.objects.all()).order_by("-date", "-pk")[:limit])


def stories_featuring_ids(product: ProductPage, limit: int = 3):
    """Ids of the newest live, public stories whose body embeds this product, as a subquery.

    Wagtail's reference index records every page chooser in a StreamField, so this is
    one indexed lookup instead of reading every story's body; it follows published
    content, not drafts. The product page loads these with its chrome (ProductPage.chrome_linked_pages).
    """
    story_ids = (
        ReferenceIndex.get_references_to(product)
        .filter(content_type=ContentType.objects.get_for_model(StoryPage))
        .annotate(story_id=Cast("object_id", IntegerField()))
        .values("story_id")
    )
    stories = StoryPage.objects.filter(pk__in=story_ids).live().public()
    return stories.order_by("-date", "-pk").values("pk")[:limit]


def stories_featuring(product: ProductPage, limit: int = 3) -> list[StoryPage]:
    """The newest live stories that embed this product (titles and dates; no bodies), in one query."""
    stories = StoryPage.objects.filter(pk__in=stories_featuring_ids(product, limit)).defer("body")
    return list(stories.order_by("-date", "-pk"))
