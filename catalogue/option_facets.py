"""Listing and search refinements by variant option (size, colour, material).

A shopper picking "Size M" and "Colour Blue" wants a product sold as an M in blue,
not one sold as an M in red and an S in blue: every option chosen must hold on the
same variant (and, with "In stock only", that variant must be on the shelf).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from catalogue.models import OPTION_DIMENSIONS, Brand, ProductVariant

OPTION_FILTERS = tuple(dimension.field for dimension in OPTION_DIMENSIONS)
# Per dimension, more values than a filter list shows would be noise.
MAX_VALUES_SHOWN = 30


def chosen_options(filters: dict) -> dict[str, str]:
    return {name: filters[name] for name in OPTION_FILTERS if filters.get(name)}


def option_condition(filters: dict) -> Q | None:
    """A filter on products with one variant matching every chosen option, or None if none is chosen."""
    chosen = chosen_options(filters)
    if not chosen:
        return None
    variants = ProductVariant.objects.filter(
        page=OuterRef("pk"), **{f"{name}__iexact": value for name, value in chosen.items()}
    )
    if filters.get("in_stock"):
        variants = variants.filter(stock__gt=0)
    return Q(Exists(variants))


def matching_product_ids(filters: dict) -> QuerySet | None:
    """The ids of products with a variant matching every chosen option (for search, which filters on ids)."""
    chosen = chosen_options(filters)
    if not chosen:
        return None
    variants = ProductVariant.objects.filter(**{f"{name}__iexact": value for name, value in chosen.items()})
    if filters.get("in_stock"):
        variants = variants.filter(stock__gt=0)
    return variants.values_list("page_id", flat=True).distinct()


def option_rows(products: QuerySet) -> QuerySet:
    """The distinct (size, colour, material) of the products' variants, for option_facets_from_rows."""
    return (
        ProductVariant.objects.filter(page__in=products.values("pk"))
        .values_list(*OPTION_FILTERS)
        .distinct()
        .order_by()
    )


def option_values(products: QuerySet, filters: dict) -> list[dict]:
    """Each option dimension that the products' variants use, with its values (the chosen one marked), in one query."""
    return option_facets_from_rows(option_rows(products), filters)


def brands_and_option_facets(products: QuerySet, filters: dict) -> tuple[list[Brand], list[dict]]:
    """The products' brands (by name) and option facets, together in one query.

    Each row is a distinct (brand, size, colour, material) among the products and their
    variants, so a listing pays for its option filters in the query it already ran for
    its brand filter.
    """
    rows = list(
        products.order_by()
        .values_list("brand__name", "brand__slug", *(f"variants__{name}" for name in OPTION_FILTERS))
        .distinct()
    )
    brands = {slug: name for name, slug, *_ in rows if slug}
    listed = [Brand(name=name, slug=slug) for slug, name in sorted(brands.items(), key=lambda item: item[1])]
    return listed, option_facets_from_rows([row[2:] for row in rows], filters)


def option_facets_from_rows(rows, filters: dict) -> list[dict]:
    seen = {name: set() for name in OPTION_FILTERS}
    for row in rows:
        for name, value in zip(OPTION_FILTERS, row, strict=True):
            if value:
                seen[name].add(value)
    facets = []
    for dimension in OPTION_DIMENSIONS:
        chosen = (filters.get(dimension.field) or "").casefold()
        values = sorted(seen[dimension.field], key=str.casefold)[:MAX_VALUES_SHOWN]
        if values:
            facets.append(
                {
                    "name": dimension.field,
                    "label": dimension.label,
                    "values": [{"value": value, "selected": value.casefold() == chosen} for value in values],
                }
            )
    return facets
