"""Demo products sold in sizes: a share of the products on sized shelves become one product with a variant per size.

Drawn from a random stream of their own (seeded by ``--seed`` and the SKU), so the rest
of the demo data is the same with or without them.
"""

import random
from decimal import Decimal

from catalogue.models import ProductPage, ProductVariant
from catalogue.pricing.core import base_price

from .vocabulary import Subcategory

SIZED_SHARE = 0.3
# Each size up is dearer by this share of the smallest one's price.
STEP = Decimal("0.15")


def sized_name(title: str, *, sub: Subcategory, seed: int, sku: str) -> str | None:
    """The product's name without its size when ``offer_sizes`` makes it one product in every size, else None."""
    if sub.variant_label != "Size" or ", " not in title:
        return None
    name, size = title.rsplit(", ", 1)
    if size not in sub.variants or _sizes_rng(seed, sku).random() >= SIZED_SHARE:
        return None
    return name


def _sizes_rng(seed: int, sku: str) -> random.Random:
    return random.Random(f"{seed}:sizes:{sku}")


def offer_sizes(page: ProductPage, *, sub: Subcategory, seed: int) -> None:
    """Maybe turn ``page`` (not yet saved) into a product sold in every size of its shelf."""
    name = sized_name(page.title, sub=sub, seed=seed, sku=page.sku)
    if name is None:
        return
    rng = _sizes_rng(seed, page.sku)
    rng.random()  # the draw sized_name decided by: the sizes' stock follows it in the same stream
    page.title = name
    page.variants = [
        ProductVariant(
            sku=f"{page.sku}-{position + 1}",
            size=label,
            sort_order=position,
            price_override=(base_price(page) * (1 + STEP * position)).quantize(Decimal("1")) - Decimal("0.05")
            if position
            else None,
            stock=0 if rng.random() < 0.15 else rng.randint(1, 40),
        )
        for position, label in enumerate(sub.variants)
    ]
