"""What a product page shows besides its own fields: reviews, rating, related products, structured data.

Everything here is fetched in a fixed handful of queries: the gallery of the
product and of its related products in one go, and the review list with its
average and count in one windowed query.

A preview shows the page as the editor's form has it, saved or not (Wagtail's
preview passes an unsaved, in-memory page): its gallery and related-product picks
come from that page, and a product never saved has no reviews yet.
"""

from collections import defaultdict
from typing import NamedTuple
from urllib.parse import urlencode

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
    prefetch_related_objects,
)

from catalogue.forms.reviews import ReviewForm
from catalogue.forms.stock_alerts import StockAlertForm
from catalogue.models import (
    OPTION_DIMENSIONS,
    ProductGalleryImage,
    ProductPage,
    ProductRelatedProduct,
    ProductVariant,
    Review,
)
from catalogue.models.querysets import CARD_RENDITION_FILTERS, renditions_matching
from catalogue.pricing import price_for
from catalogue.structured_data import breadcrumb_list
from catalogue.variant_picker import VARIANT_PARAM, choose_variant
from home.seo.rules import OG_RENDITION
from home.serving.cache_dependencies import children_tag, depend_on, parent_url_path
from home.serving.chrome import page_chrome

# Every spec the page renders for these images must be listed: Wagtail trusts a
# prefetch to be complete and would try to create a missing one twice.
GALLERY_RENDITIONS = (
    "max-800x800|format-webp",
    "max-800x800|format-jpeg",
    "max-400x400|format-webp",
    OG_RENDITION,
)
REVIEWS_SHOWN = 20
RELATED_SHOWN = 4


def reviews_with_summary(product: ProductPage) -> tuple[list, dict]:
    """The latest approved reviews, plus average and count over all of them, in one query."""
    if product.pk is None:
        return [], {"average": None, "count": 0}
    everything = Window(expression=Avg("rating")), Window(expression=Count("id"))
    reviews = list(
        product.reviews.filter(status=Review.Status.APPROVED)
        .select_related("user")
        .annotate(rating_average=everything[0], rating_count=everything[1])
        .order_by("-created_at")[:REVIEWS_SHOWN]
    )
    if not reviews:
        return [], {"average": None, "count": 0}
    return reviews, {"average": round(reviews[0].rating_average, 1), "count": reviews[0].rating_count}


def related_products(product: ProductPage, pick_ids: list[int] | None = None) -> list[ProductPage]:
    """Editors' picks first, in their order; the rest of the row comes from the same category.

    ``pick_ids`` (a preview's picks, in order) stands in for the saved picks.
    """
    if pick_ids is None:
        picks = ProductRelatedProduct.objects.filter(page=product)
        chosen = Q(pk__in=picks.values("product"))
        pick_order = Subquery(picks.filter(product=OuterRef("pk")).values("sort_order")[:1])
    else:
        chosen = Q(pk__in=pick_ids)
        pick_order = Case(
            *(When(pk=pk, then=Value(position)) for position, pk in enumerate(pick_ids)),
            default=None,
            output_field=IntegerField(),
        )
    # A page being added has a provisional path (Wagtail's preview gives it one); without one, picks only.
    same_category = (
        Q(path__startswith=product.path[: -ProductPage.steplen], depth=product.depth) if product.path else Q()
    )
    candidates = (
        ProductPage.objects.live()
        .public()
        .with_rating()
        .select_related("brand")
        .filter(chosen | same_category if product.path else chosen)
        .exclude(pk=product.pk)
        .annotate(pick_order=pick_order)
        .order_by(F("pick_order").asc(nulls_last=True), "-featured", "-first_published_at", "pk")
    )
    return list(candidates[:RELATED_SHOWN])


def attach_galleries(products: list[ProductPage], filter_specs, variants: list[ProductVariant] = ()) -> None:
    """Load the gallery (and wanted renditions) of several products in two queries.

    The pictures of ``variants`` (already loaded with their images) get their renditions
    in the same second query.
    """
    by_page = defaultdict(list)
    items = list(
        ProductGalleryImage.objects.filter(page__in=[p.pk for p in products])
        .select_related("image")
        .order_by("page_id", "sort_order", "pk")
    )
    images = [item.image for item in items] + [v.image for v in variants if v.image is not None]
    prefetch_related_objects(images, Prefetch("renditions", queryset=renditions_matching(filter_specs)))
    for item in items:
        by_page[item.page_id].append(item)
    for product in products:
        product.gallery = by_page[product.pk]  # a cached_property, which Django lets one set


class VariantPicture(NamedTuple):
    """A variant's own picture, shown first in the gallery in the shape of a gallery item."""

    image: object
    caption: str = ""


def product_variants(product: ProductPage, request) -> list[ProductVariant]:
    """The product's variants in the editor's order, with their pictures' renditions, in one or two queries.

    A preview shows the editor's unsaved rows, held in memory by the page.
    """
    if getattr(request, "is_preview", False):
        variants = list(product.variants.all())
    elif not product.has_variants:
        return []
    else:
        # Their pictures' renditions come with the gallery's (attach_galleries).
        variants = list(
            ProductVariant.objects.filter(page=product).select_related("image").order_by("sort_order", "pk")
        )
    for variant in variants:
        variant.page = product  # base_price reads the product's price without fetching it again
    return variants


def variant_url(product_url: str, variant: ProductVariant) -> str:
    return f"{product_url}?{urlencode({VARIANT_PARAM: variant.pk})}"


def product_group_data(product: ProductPage, request, variants: list[ProductVariant], url: str) -> dict:
    """schema.org ProductGroup: one Product per variant (hasVariant), and the options they differ by."""
    used = [
        dimension for dimension in OPTION_DIMENSIONS if any(getattr(v, dimension.field) for v in variants)
    ]
    has_variant = []
    for variant in variants:
        # Each variant's own price: a sale or a promotion (on it alone, too) included.
        price = price_for(product, variant)
        item = {
            "@type": "Product",
            "name": f"{product.title} ({variant.short_label})",
            "sku": variant.sku,
            "offers": {
                "@type": "Offer",
                "price": str(price.amount),
                "priceCurrency": product.currency,
                "availability": variant.schema_availability,
                "url": variant_url(url, variant),
            },
        }
        add_reduction(item["offers"], price, product.currency)
        for dimension in used:
            if getattr(variant, dimension.field):
                item[dimension.schema_property.rsplit("/", 1)[-1]] = getattr(variant, dimension.field)
        if variant.image is not None:
            item["image"] = request.build_absolute_uri(
                variant.image.get_rendition("max-800x800|format-jpeg").url
            )
        has_variant.append(item)
    return {
        "@type": "ProductGroup",
        "productGroupID": product.sku,
        "variesBy": [dimension.schema_property for dimension in used],
        "hasVariant": has_variant,
    }


def add_reduction(offer: dict, price, currency: str) -> None:
    """A sale or promotion on an Offer: the regular price struck through, and when it ends."""
    if not price.on_sale:
        return
    # Google shows the regular price struck through beside the sale price.
    offer["priceSpecification"] = {
        "@type": "UnitPriceSpecification",
        "priceType": "https://schema.org/StrikethroughPrice",
        "price": str(price.regular),
        "priceCurrency": currency,
    }
    if price.valid_until:
        offer["priceValidUntil"] = price.valid_until.date().isoformat()


def product_structured_data(
    product: ProductPage,
    request,
    rating: dict,
    image_url: str | None,
    crumbs,
    variants: list[ProductVariant] | None = None,
) -> list[dict]:
    """schema.org Product (ProductGroup for a product with variants) and BreadcrumbList, for the head's JSON-LD."""
    url = product.get_full_url(request)
    price = price_for(product)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "description": product.search_description or product.short_description,
        "sku": product.sku,
        "url": url,
        "offers": {
            "@type": "Offer",
            "price": str(price.amount),
            "priceCurrency": product.currency,
            "availability": product.schema_availability,
            "url": url,
        },
    }
    add_reduction(data["offers"], price, product.currency)
    if image_url:
        data["image"] = [request.build_absolute_uri(image_url)]
    if product.brand:
        data["brand"] = {"@type": "Brand", "name": product.brand.name}
    if rating["count"]:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(rating["average"]),
            "reviewCount": rating["count"],
        }
    if variants:
        # Offers belong to the variants; the group itself is not sold.
        del data["offers"], data["sku"]
        data.update(product_group_data(product, request, variants, url))
    return [data, breadcrumb_list([*crumbs, product], request)]


def product_detail_context(product: ProductPage, request) -> dict:
    variants = product_variants(product, request)
    if getattr(request, "is_preview", False):
        # The form's picks and gallery, held in memory by the page until it is saved.
        pick_ids = [link.product_id for link in product.related_product_links.all() if link.product_id]
        related = related_products(product, pick_ids)
        attach_galleries(related, CARD_RENDITION_FILTERS)
    else:
        related = related_products(product)
        attach_galleries([product, *related], GALLERY_RENDITIONS + CARD_RENDITION_FILTERS, variants)
        # The row is filled from the same category: its list of children decides which show.
        if parent_url_path(product.url_path or ""):
            depend_on(request, children_tag(parent_url_path(product.url_path)))
    reviews, rating = reviews_with_summary(product)
    variant, variant_requested = choose_variant(variants, request.GET.get(VARIANT_PARAM))
    gallery = product.gallery
    if variant is not None and variant.image is not None:
        gallery = [VariantPicture(variant.image), *(item for item in gallery if item.image != variant.image)]
    main_image = product.main_image
    main_image_url = main_image.get_rendition("max-800x800|format-jpeg").url if main_image else None
    user = request.user
    has_reviewed = (
        user.is_authenticated and product.pk is not None and product.reviews.filter(user=user).exists()
    )
    chrome = page_chrome(request, product)
    crumbs = chrome.ancestors
    buyable = variant or product
    return {
        "gallery": gallery,
        "variants": variants,
        # What the buy box sells: the chosen variant, or the product itself.
        "variant": variant,
        "variant_requested": variant_requested,
        # "Size / Colour": what the picker asks for, from the options the variants set.
        "variant_question": " / ".join(
            dimension.label
            for dimension in OPTION_DIMENSIONS
            if any(getattr(v, dimension.field) for v in variants)
        )
        or "Option",
        "buyable": buyable,
        # Sold out: offer the back-in-stock alert. A signed-in shopper's address is filled
        # in here, which is safe only because signed-in pages are never cached.
        "stock_alert_form": getattr(request, "stock_alert_form", None)
        or (
            StockAlertForm(product=product, initial={"email": user.email if user.is_authenticated else ""})
            if product.pk is not None and not buyable.in_stock
            else None
        ),
        "rating": rating,
        "reviews": reviews,
        "related_products": related,
        # Loaded with the menu and breadcrumbs (ProductPage.chrome_linked_pages), newest first.
        "featuring_stories": sorted(chrome.linked, key=lambda story: (story.date, story.pk), reverse=True),
        # A rejected submission hands its bound form over, errors and all. A product not
        # yet saved (a preview) cannot take reviews.
        "review_form": getattr(request, "review_form", None)
        or (ReviewForm() if user.is_authenticated and not has_reviewed and product.pk else None),
        "has_reviewed": has_reviewed,
        # The parent category, from the breadcrumb query rather than another lookup.
        "category": crumbs[-1] if crumbs else None,
        "structured_data": product_structured_data(
            product, request, rating, main_image_url, crumbs, variants
        ),
    }
