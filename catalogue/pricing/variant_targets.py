"""A promotion's variant targets, read in the same query as the promotion itself.

Each target is the variant's id, its product's id and its own price (if it has one): all
that pricing needs to lower that variant, and to show its product's "From" price, without
a query of its own. The database joins them into one text column (``id:product:price``,
comma-separated; GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL), which
``parse_variant_targets`` reads back.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Aggregate, CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat

CENT = Decimal("0.01")


@dataclass(frozen=True)
class VariantTarget:
    """A variant a promotion lowers; variant-like for catalogue.pricing.core (``pk``, ``price_override``)."""

    pk: int
    product_id: int
    price_override: Decimal | None


class _JoinedText(Aggregate):
    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, ',')"
        )


def variant_targets_column() -> Subquery:
    """The promotion's targets as one text column, for ``Promotion.objects.annotate``."""
    from catalogue.models import Promotion

    through = Promotion.variants.through
    entry = Concat(
        Cast("productvariant_id", CharField()),
        Value(":"),
        Cast("productvariant__page_id", CharField()),
        Value(":"),
        Coalesce(Cast("productvariant__price_override", CharField()), Value("")),
        output_field=CharField(),
    )
    joined = (
        through.objects.filter(promotion_id=OuterRef("pk"))
        .values("promotion_id")
        .annotate(joined=_JoinedText(entry))
        .values("joined")
    )
    return Subquery(joined, output_field=CharField())


def parse_variant_targets(text: str | None) -> tuple[VariantTarget, ...]:
    """Read ``variant_targets_column`` back; an entry that does not parse is skipped, never raised."""
    targets = []
    for entry in (text or "").split(","):
        parts = entry.split(":")
        if len(parts) != 3:
            continue
        variant_id, product_id, price = parts
        try:
            target = VariantTarget(
                pk=int(variant_id),
                product_id=int(product_id),
                price_override=Decimal(price).quantize(CENT) if price else None,
            )
        except (ValueError, InvalidOperation):
            continue
        if target.price_override is not None and not target.price_override.is_finite():
            continue
        targets.append(target)
    return tuple(sorted(set(targets), key=lambda target: target.pk))
