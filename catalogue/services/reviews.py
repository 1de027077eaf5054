"""Writing reviews: one per shopper per product, and nothing counts until approved."""

from django.db import IntegrityError, transaction

from catalogue.models import Order, OrderLine, ProductPage, Review


class ReviewError(Exception):
    """A review the shop refuses, with a message fit for the shopper."""


def has_bought(*, user, product: ProductPage) -> bool:
    """A completed order of this product by this shopper makes their review a verified purchase."""
    return OrderLine.objects.filter(
        order__user=user, order__status=Order.Status.COMPLETED, product=product
    ).exists()


def review_submit(*, product: ProductPage, user, rating: int, body: str, title: str = "") -> Review:
    if not product.live:
        raise ReviewError("This product is not available for review.")
    if Review.objects.filter(product=product, user=user).exists():
        raise ReviewError("You have already reviewed this product.")
    try:
        with transaction.atomic():
            return Review.objects.create(
                product=product,
                user=user,
                rating=rating,
                title=title,
                body=body,
                verified_purchase=has_bought(user=user, product=product),
            )
    except IntegrityError as exc:
        # Two submits racing past the check above meet the unique constraint.
        raise ReviewError("You have already reviewed this product.") from exc


def review_set_status(*, review: Review, status: str) -> Review:
    review.status = status
    review.save(update_fields=["status"])
    return review
