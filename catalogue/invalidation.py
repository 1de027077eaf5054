"""What the catalogue's models invalidate in the shop's caches, registered into home's registry.

Called from ``CatalogueConfig.ready``: home (the foundation) never imports the catalogue,
so the catalogue tells it which of its rows show where (home.serving.cache_dependencies).
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag
from wagtail.models import ReferenceIndex

from home.pages.base import ancestor_paths
from home.serving import cache_dependencies as deps
from home.serving.content_cache import SITE_TAG

# Everything a product's change reaches beside its own page: its lists and counts.
PRODUCT_NAMESPACES = ("api", "feed", "search")


def product_tags(pk: int, path: str) -> set[str]:
    """A product's page, card and every listing above it (not its siblings' pages, not the menu)."""
    tags = {deps.page_tag(pk), *(deps.subtree_tag(ancestor) for ancestor in ancestor_paths(path)[:-1])}
    return tags | {deps.namespace_tag(name) for name in PRODUCT_NAMESPACES}


def products_tags(rows: Iterable[tuple[int, str]]) -> set[str]:
    tags = set()
    for pk, path in rows:
        tags |= product_tags(pk, path)
    return tags


def stories_of_tag(product_pk: int) -> str:
    """The stories featuring a product, listed on its page (ProductPage.chrome_linked_pages)."""
    return f"stories-of:{product_pk}"


def _review_tags(review) -> set[str]:
    from catalogue.models import ProductPage

    path = ProductPage.objects.filter(pk=review.product_id).values_list("path", flat=True).first()
    return product_tags(review.product_id, path) if path else set()


def _brand_tags(brand) -> set[str]:
    from catalogue.models import ProductPage

    return products_tags(ProductPage.objects.filter(brand=brand).values_list("pk", "path"))


def _reviewer_tags(user) -> set[str]:
    # A reviewer's short name is printed under each of their reviews on product pages.
    from catalogue.models import ProductPage, Review

    reviewed = Review.objects.filter(user=user, status=Review.Status.APPROVED).values("product_id")
    return {
        deps.page_tag(pk) for pk in ProductPage.objects.filter(pk__in=reviewed).values_list("pk", flat=True)
    }


def _tag_tags(tag) -> set[str]:
    # Tag names and slugs are printed (and linked) on the product pages that carry them.
    from catalogue.models import ProductPage, ProductTag

    tagged = ProductTag.objects.filter(tag=tag).values("content_object_id")
    return products_tags(ProductPage.objects.filter(pk__in=tagged).values_list("pk", "path"))


def _story_tags(story) -> set[str]:
    """The products a story features (by Wagtail's reference index), whose pages list the story."""
    from catalogue.models import ProductPage

    references = ReferenceIndex.get_references_for_object(story).filter(
        to_content_type=ContentType.objects.get_for_model(ProductPage)
    )
    # A story page with a plain Page chooser records the base type: look at both.
    page_references = ReferenceIndex.get_references_for_object(story).filter(
        to_content_type__app_label="wagtailcore", to_content_type__model="page"
    )
    ids = {int(pk) for pk in references.values_list("to_object_id", flat=True)}
    ids |= {int(pk) for pk in page_references.values_list("to_object_id", flat=True)}
    return {stories_of_tag(pk) for pk in ids}


def _variant_tags(variant) -> set[str]:
    """A variant a live promotion targets: its price is in the cached live promotions (the
    "From" price of its product's card), so every cached price goes, as for a promotion."""
    from catalogue.models import Promotion

    if variant.pk is None:
        return set()
    targeted = Promotion.variants.through.objects.filter(productvariant_id=variant.pk, promotion__live=True)
    return {SITE_TAG} if targeted.exists() else set()


def register() -> None:
    from catalogue.models import (
        BackInStockSubscription,
        Brand,
        Cart,
        CartLine,
        Order,
        OrderLine,
        OrderStatusChange,
        OrderTaxLine,
        Payment,
        ProductGalleryImage,
        ProductPage,
        ProductRelatedProduct,
        ProductTag,
        ProductVariant,
        Promotion,
        Review,
        StockMovement,
        StoryPage,
        Voucher,
        VoucherRedemption,
    )

    # Related products (same category) are ordered by these; a list filters or sorts by them.
    deps.track_pages(ProductPage, listing_fields=("first_published_at", "featured", "price", "brand"))
    deps.track_pages(StoryPage, listing_fields=("date",), extra_tags=_story_tags)
    deps.track(Review, _review_tags)
    deps.track(Brand, _brand_tags)
    deps.track(get_user_model(), _reviewer_tags, fields=("first_name", "email"))
    deps.track(Tag, _tag_tags, fields=("name", "slug"))

    saved_with_page = "saved by its product page's publish, which invalidates the page and its lists"
    for model in (ProductGalleryImage, ProductRelatedProduct, ProductTag):
        deps.leave_untracked(model._meta.label, saved_with_page)
    # Saved with its product's page, like the rows above; besides, a live promotion's
    # variant target carries the variant's price. Its stock goes through
    # catalogue.services.stock (an update, no save), like the product's.
    deps.track(ProductVariant, _variant_tags, fields=("price_override", "page"))
    deps.leave_untracked(
        StockMovement._meta.label,
        "written only by catalogue.services.stock, which invalidates the product when pages would show it",
    )
    # A promotion reprices whole categories and brands, and changes rarely: every cached price goes.
    deps.track(Promotion, lambda promotion: {SITE_TAG})
    deps.leave_untracked(Voucher._meta.label, "typed at checkout, which is never cached; shows on no page")
    deps.leave_untracked(
        BackInStockSubscription._meta.label,
        "a shopper's address, shown on no page: the page's form is the same for everyone",
    )
    for model in (
        Cart,
        CartLine,
        Order,
        OrderLine,
        OrderStatusChange,
        OrderTaxLine,
        Payment,
        VoucherRedemption,
    ):
        deps.leave_untracked(model._meta.label, "a shopper's own: shown only on pages that are never cached")
