"""Writing reviews: one per shopper per product, and nothing counts until approved."""

from django.db import IntegrityError, transaction

from catalogue.models import ProductPage, Review


class ReviewError(Exception):
    """A review the shop refuses, with a message fit for the shopper."""


def review_submit(*, product: ProductPage, user, rating: int, body: str, title: str = "") -> Review:
    if not product.live:
        raise ReviewError("This product is not available for review.")
    if Review.objects.filter(product=product, user=user).exists():
        raise ReviewError("You have already reviewed this product.")
    try:
        with transaction.atomic():
            return Review.objects.create(product=product, user=user, rating=rating, title=title, body=body)
    except IntegrityError as exc:
        # Two submits racing past the check above meet the unique constraint.
        raise ReviewError("You have already reviewed this product.") from exc


def review_set_status(*, review: Review, status: str) -> Review:
    review.status = status
    review.save(update_fields=["status"])
    return review
