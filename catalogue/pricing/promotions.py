"""The live promotions, as plain rules the pricing service matches products against.

All live promotions (and their targets) are loaded in one query and kept in the cache for
the content generation; a page read with every cache empty loads them with its site, in the
query it makes anyway (home.serving.site_reads). Publishing or unpublishing a promotion
starts a new generation (catalogue.signals), as does a promotion or sale starting or ending
(catalogue.tasks.expire_prices_at_boundaries). Each process also keeps the rules it read,
rechecking the generation at most once a second, so pricing a page of cards or a whole
feed costs one cache read, not one per product.
"""

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.core.cache import cache
from django.db.models import F, OuterRef, Subquery, TextField
from django.db.models.functions import JSONObject
from django.utils import timezone

from home.serving.content_cache import generation_key
from home.serving.site_reads import Ride

from .tax import to_cents
from .variant_targets import VariantTarget, read_variant_targets, variant_target_object

CACHE_SECONDS = 10 * 60
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


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


class JSONList(Subquery):
    """The ``item`` column of a queryset's rows as one JSON array (``[]`` for no rows)."""

    template = "(SELECT COALESCE(JSON_GROUP_ARRAY(item), '[]') FROM (%(subquery)s) AS json_list)"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "(SELECT COALESCE(JSONB_AGG(item), '[]'::jsonb) FROM (%(subquery)s) AS json_list)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _promotion_rows(now: datetime):
    """The one query that loads promotions: each live, unexpired one as a JSON object with its
    targets (JSON lists), so they cost no query of their own. A new kind of target is one
    more list here and one more field on PromotionRule."""
    from catalogue.models import Brand, CategoryPage, ProductPage, ProductVariant, Promotion

    def targets(model, item):
        return JSONList(model.objects.filter(promotions=OuterRef("pk")).order_by().values(item=item))

    # Still-future promotions are loaded too: in_force() decides at the moment of pricing, so a
    # promotion goes live on its minute without a reload (the beat task bumps the caches).
    return (
        Promotion.objects.filter(live=True)
        .exclude(ends_at__lte=now)
        .order_by("pk")
        .values(
            item=JSONObject(
                pk="pk",
                name="name",
                kind="kind",
                value="value",
                starts_at="starts_at",
                ends_at="ends_at",
                category_paths=targets(CategoryPage, F("path")),
                brand_ids=targets(Brand, F("pk")),
                product_ids=targets(ProductPage, F("pk")),
                variant_targets=targets(ProductVariant, variant_target_object()),
            )
        )
    )


def _json(value):
    # PostgreSQL nests JSON as JSON; SQLite hands a JSON value read through a subquery on as text.
    return json.loads(value, parse_float=Decimal) if isinstance(value, str) else value


def _moment(value) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def _rules(items) -> tuple[PromotionRule, ...]:
    rules = []
    for raw in _json(items) or ():
        item = _json(raw)
        rules.append(
            PromotionRule(
                pk=item["pk"],
                name=item["name"],
                kind=item["kind"],
                value=Decimal(str(item["value"])).quantize(CENT),
                starts_at=_moment(item["starts_at"]),
                ends_at=_moment(item["ends_at"]),
                category_paths=tuple(_json(item["category_paths"]) or ()),
                brand_ids=frozenset(_json(item["brand_ids"]) or ()),
                product_ids=frozenset(_json(item["product_ids"]) or ()),
                variant_targets=read_variant_targets(item.get("variant_targets")),
            )
        )
    return tuple(sorted(rules, key=lambda rule: rule.pk))


def _load() -> tuple[PromotionRule, ...]:
    return _rules([row["item"] for row in _promotion_rows(timezone.now())])


def _remember(key: str, rules: tuple[PromotionRule, ...]) -> tuple[PromotionRule, ...]:
    _memo.update(key=key, rules=rules, checked=time.monotonic())
    return rules


def _known() -> tuple[str | None, tuple[PromotionRule, ...] | None]:
    """The rules this process or the cache has, with their generation key; None when neither has them."""
    now = time.monotonic()
    if _memo and now - _memo["checked"] < RECHECK_SECONDS:
        return _memo["key"], _memo["rules"]
    key = generation_key("promotions")
    if _memo.get("key") == key:
        return key, _remember(key, _memo["rules"])
    rules = cache.get(key)
    if rules is not None:
        return key, _remember(key, rules)
    return key, None


def live_promotions() -> tuple[PromotionRule, ...]:
    key, rules = _known()
    if rules is None:
        rules = _load()
        cache.set(key, rules, CACHE_SECONDS)
        _remember(key, rules)
    return rules


def ride_with_the_site() -> Ride | None:
    """The live promotions read with the site (home.serving.site_reads) when nothing has them:
    a cold page then prices its cards without a query of its own."""
    key, rules = _known()
    if rules is not None:
        return None

    def receive(value) -> None:
        loaded = _rules(value)
        cache.set(key, loaded, CACHE_SECONDS)
        _remember(key, loaded)

    return Ride(JSONList(_promotion_rows(timezone.now())), receive)


def forget_live_promotions() -> None:
    """Drop this process's copy (tests, and the process that changed a promotion)."""
    _memo.clear()
