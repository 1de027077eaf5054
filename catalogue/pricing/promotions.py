"""The live promotions, as plain rules the pricing service matches products against.

All live promotions (and their targets) are loaded in at most four queries (variant
targets come in the promotions' own query, catalogue.pricing.variant_targets) and kept in
the cache for the content generation: publishing or unpublishing a promotion bumps it
(catalogue.signals), as does a promotion or sale starting or ending
(catalogue.tasks.expire_prices_at_boundaries). Each process also keeps the rules it read,
rechecking the generation at most once a second, so pricing a page of cards or a whole
feed costs one cache read, not one per product.
"""

import time
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.cache import cache
from django.utils import timezone

from home.serving.content_cache import generation_key

from .tax import to_cents
from .variant_targets import VariantTarget, parse_variant_targets, variant_targets_column

CACHE_SECONDS = 10 * 60
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PromotionRule:
    pk: int
    name: str
    kind: str
    value: Decimal
    starts_at: datetime | None
    ends_at: datetime | None
    category_paths: tuple[str, ...]
    brand_ids: frozenset[int]
    product_ids: frozenset[int]
    variant_targets: tuple[VariantTarget, ...] = ()

    def in_force(self, at: datetime) -> bool:
        return (self.starts_at is None or self.starts_at <= at) and (
            self.ends_at is None or at < self.ends_at
        )

    def covers(self, product_id: int, brand_id: int | None, path: str, variant=None) -> bool:
        """Whether the product (read once by the caller: this runs for every rule) is covered.

        A variant target covers that variant of that product only: a variant id priced
        with another product (a forged cart line) is not covered.
        """
        if variant is not None and self.variant_targets:
            variant_id = getattr(variant, "pk", None)
            if any(t.pk == variant_id and t.product_id == product_id for t in self.variant_targets):
                return True
        if product_id in self.product_ids:
            return True
        if brand_id is not None and brand_id in self.brand_ids:
            return True
        return any(path.startswith(category) for category in self.category_paths)

    def discounted(self, base: Decimal) -> Decimal:
        """``base`` less this promotion, never below zero."""
        off = to_cents(base * self.value / HUNDRED) if self.kind == "percent" else self.value
        return max(Decimal("0.00"), base - off)

    def targets_of(self, product_id: int) -> tuple[VariantTarget, ...]:
        """The variants of this product that this promotion lowers on their own."""
        return tuple(target for target in self.variant_targets if target.product_id == product_id)


# This process's copy: the rules, the generation key they were read under, and when that
# key was last confirmed. Within RECHECK_SECONDS no cache round trip is made at all, so a
# feed of 10,000 products does not make 10,000 Redis reads; another process's publish
# reaches this one within that second (this process's own, at once: see forget_live_promotions).
RECHECK_SECONDS = 1.0
_memo: dict = {}


def _load() -> tuple[PromotionRule, ...]:
    from catalogue.models import Promotion

    now = timezone.now()
    promotions = list(
        Promotion.objects.filter(live=True)
        .exclude(ends_at__lte=now)
        .prefetch_related("categories", "brands", "products")
        # In the same query as the promotions: variant targets cost no query of their own.
        .annotate(variant_targets=variant_targets_column())
        .order_by("pk")
    )
    return tuple(
        PromotionRule(
            pk=promotion.pk,
            name=promotion.name,
            kind=promotion.kind,
            value=promotion.value,
            starts_at=promotion.starts_at,
            ends_at=promotion.ends_at,
            category_paths=tuple(category.path for category in promotion.categories.all()),
            brand_ids=frozenset(brand.pk for brand in promotion.brands.all()),
            product_ids=frozenset(product.pk for product in promotion.products.all()),
            variant_targets=parse_variant_targets(promotion.variant_targets),
        )
        for promotion in promotions
    )


def live_promotions() -> tuple[PromotionRule, ...]:
    now = time.monotonic()
    if _memo and now - _memo["checked"] < RECHECK_SECONDS:
        return _memo["rules"]
    key = generation_key("promotions")
    if _memo.get("key") != key:
        rules = cache.get(key)
        if rules is None:
            rules = _load()
            cache.set(key, rules, CACHE_SECONDS)
        _memo.update(key=key, rules=rules)
    _memo["checked"] = now
    return _memo["rules"]


def forget_live_promotions() -> None:
    """Drop this process's copy (tests, and the process that changed a promotion)."""
    _memo.clear()
