"""What a product page shows besides its own fields: reviews, rating, related products, structured data."""

import json

from django.db.models import Avg, Count, Prefetch
from django.utils.safestring import mark_safe

from catalogue.forms.reviews import ReviewForm
from catalogue.models import ProductPage, Review
from catalogue.models.querysets import renditions_matching

GALLERY_RENDITIONS = (
    "max-800x800|format-webp",
    "max-800x800|format-jpeg",
    "max-400x400|format-webp",
    "fill-120x120|format-webp",
)


def approved_reviews(product: ProductPage):
    return product.reviews.filter(status=Review.Status.APPROVED).select_related("user")


def rating_summary(product: ProductPage) -> dict:
    summary = approved_reviews(product).aggregate(average=Avg("rating"), count=Count("id"))
    if summary["average"] is not None:
        summary["average"] = round(summary["average"], 1)
    return summary


def product_structured_data(product: ProductPage, request, rating: dict, image_url: str | None) -> str:
    """schema.org Product and BreadcrumbList as JSON-LD, escaped for embedding in <script>."""
    url = product.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "description": product.search_description or product.short_description,
        "sku": product.sku,
        "url": url,
        "offers": {
            "@type": "Offer",
            "price": str(product.price),
            "priceCurrency": product.currency,
            "availability": product.schema_availability,
            "url": url,
        },
    }
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
    crumbs = list(product.get_ancestors(inclusive=True).filter(depth__gt=1))
    breadcrumb = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": crumb.title, "item": crumb.get_full_url(request)}
            for i, crumb in enumerate(crumbs, start=1)
        ],
    }
    return json_script_safe([data, breadcrumb])


def json_script_safe(value) -> str:
    # "</script>" or "<!--" inside a title must not end the script block.
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every markup character is escaped above


def product_detail_context(product: ProductPage, request) -> dict:
    gallery = list(
        product.gallery_images.select_related("image").prefetch_related(
            # Only the renditions the template asks for.
            Prefetch("image__renditions", queryset=renditions_matching(GALLERY_RENDITIONS))
        )
    )
    product.__dict__["gallery"] = gallery
    rating = rating_summary(product)
    main_image = gallery[0].image if gallery else None
    main_image_url = None
    if main_image is not None:
        main_image_url = main_image.get_rendition("max-800x800|format-jpeg").url
    user = request.user
    has_reviewed = user.is_authenticated and product.reviews.filter(user=user).exists()
    return {
        "gallery": gallery,
        "rating": rating,
        "reviews": approved_reviews(product)[:20],
        "related_products": product.related_products(),
        # A rejected submission hands its bound form over, errors and all.
        "review_form": getattr(request, "review_form", None)
        or (ReviewForm() if user.is_authenticated and not has_reviewed else None),
        "has_reviewed": has_reviewed,
        "structured_data": product_structured_data(product, request, rating, main_image_url),
    }
