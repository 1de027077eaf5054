"""Builders for pricing tests: promotions published the way the admin publishes them, and vouchers."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from catalogue.models import Promotion, Voucher


def published_promotion(
    *,
    name="Spring sale",
    kind="percent",
    value="10",
    categories=(),
    brands=(),
    products=(),
    variants=(),
    **fields,
):
    """A promotion saved as a revision and published, as "Publish" in the admin does."""
    promotion = Promotion(name=name, kind=kind, value=Decimal(value), live=False, **fields)
    promotion.save()
    promotion.categories.set(categories)
    promotion.brands.set(brands)
    promotion.products.set(products)
    promotion.variants.set(variants)
    promotion.save()
    promotion.save_revision().publish()
    promotion.refresh_from_db()
    return promotion


def voucher(code="SAVE10", kind="percent", value="10", **fields):
    return Voucher.objects.create(code=code, kind=kind, value=Decimal(value), **fields)


def hours(n: float):
    return timezone.now() + timedelta(hours=n)
