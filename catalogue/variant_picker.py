"""Which variant a product page shows: the one its ``?variant=`` names, else a sensible default.

The parameter takes a variant's id (what the picker form sends) or its SKU (what a
person may type or a feed may link). Anything else, from a typo to a hostile string,
falls back to the default rather than failing: the page is the same product either
way, and its canonical URL never carries the parameter.
"""

from catalogue.models import ProductVariant

VARIANT_PARAM = "variant"
# Longer than any id or SKU (64 characters): longer values are not looked at.
MAX_PARAM_LENGTH = 80


def variant_named(variants: list[ProductVariant], raw) -> ProductVariant | None:
    """The variant ``raw`` names by id or by SKU (case-insensitive), or None."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or len(text) > MAX_PARAM_LENGTH:
        return None
    if text.isascii() and text.isdecimal():
        by_id = next((variant for variant in variants if variant.pk == int(text)), None)
        if by_id is not None:
            return by_id
    folded = text.casefold()
    return next((variant for variant in variants if variant.sku.casefold() == folded), None)


def default_variant(variants: list[ProductVariant]) -> ProductVariant | None:
    """The first variant in the editor's order that can be bought, else the first of all."""
    return next((variant for variant in variants if variant.in_stock), variants[0] if variants else None)


def choose_variant(variants: list[ProductVariant], raw) -> tuple[ProductVariant | None, bool]:
    """The variant to show and whether the URL asked for it (False: the default stands in)."""
    named = variant_named(variants, raw)
    if named is not None:
        return named, True
    return default_variant(variants), False
