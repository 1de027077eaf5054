"""A promotion's variant targets, read in the same query as the promotion itself.

Each target is the variant's id, its product's id and its own price (if it has one): all
that pricing needs to lower that variant, and to show its product's "From" price, without
a query of its own. ``variant_target_object`` is one target as a JSON object, which the
promotions query (catalogue.pricing.promotions) lists like its other targets;
``read_variant_targets`` reads that list back.
"""

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import CharField
from django.db.models.functions import Cast, JSONObject

CENT = Decimal("0.01")


@dataclass(frozen=True)
class VariantTarget:
    """A variant a promotion lowers; variant-like for catalogue.pricing.core (``pk``, ``price_override``)."""

    pk: int
    product_id: int
    price_override: Decimal | None


def variant_target_object() -> JSONObject:
    """One target as a JSON object, for a ``ProductVariant`` queryset's ``values``."""
    # The price as text: a JSON number comes back as a float (SQLite may store the decimal
    # as a REAL, psycopg decodes JSON numbers as floats), and 19.99 must stay 19.99.
    return JSONObject(
        pk="pk",
        product_id="page_id",
        price_override=Cast("price_override", CharField()),
    )


def read_variant_targets(value) -> tuple[VariantTarget, ...]:
    """Read a list of ``variant_target_object``s back, sorted by variant id, each once.

    ``value`` is the decoded list, or its JSON text (SQLite hands JSON read through a
    subquery on as text, each object in it too). An entry that does not read as a
    target is skipped, never raised.
    """
    entries = _decoded(value)
    if not isinstance(entries, list):
        return ()
    targets = {target for target in map(_target, entries) if target is not None}
    return tuple(sorted(targets, key=lambda target: target.pk))


def _decoded(value):
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value, parse_float=Decimal)
    except ValueError:
        return None


def _target(entry) -> VariantTarget | None:
    entry = _decoded(entry)
    if not isinstance(entry, dict):
        return None
    pk, product_id, price = entry.get("pk"), entry.get("product_id"), entry.get("price_override")
    # bool is an int to Python, not an id.
    if not all(isinstance(id_, int) and not isinstance(id_, bool) for id_ in (pk, product_id)):
        return None
    if price is None:
        return VariantTarget(pk=pk, product_id=product_id, price_override=None)
    if isinstance(price, bool) or not isinstance(price, str | int | float | Decimal):
        return None
    try:
        # Through str(): a float reads as the number it prints as, not its binary expansion.
        price = Decimal(str(price)).quantize(CENT)
    except InvalidOperation:
        return None
    if not price.is_finite():
        return None
    return VariantTarget(pk=pk, product_id=product_id, price_override=price)
