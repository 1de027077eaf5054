"""What a promotion's admin preview shows: a few products it covers, before and after."""

from django.db.models import Q
from django.utils import timezone

from .core import base_price
from .promotions import PromotionRule

PREVIEW_PRODUCTS = 12


def promotion_preview_context(promotion) -> dict:
    """The draft as it stands in the form (targets included), applied to live products."""
    from catalogue.models import ProductPage, ProductVariant

    categories = list(promotion.categories.all())
    brands = list(promotion.brands.all())
    products = list(promotion.products.all())
    variants = list(promotion.variants.all())
    rule = PromotionRule(
        pk=promotion.pk or 0,
        name=promotion.name,
        kind=promotion.kind,
        value=promotion.value or 0,
        starts_at=None,
        ends_at=None,
        category_paths=tuple(category.path for category in categories),
        brand_ids=frozenset(brand.pk for brand in brands),
        product_ids=frozenset(product.pk for product in products),
    )
    covered = Q(pk__in=[p.pk for p in products]) | Q(brand__in=[b.pk for b in brands])
    for category in categories:
        covered |= Q(path__startswith=category.path, depth__gt=category.depth)
    matches = ProductPage.objects.live().filter(covered).order_by("title")[:PREVIEW_PRODUCTS]
    rows = [(product.title, product.price, rule.discounted(product.price)) for product in matches]
    # Variants named one by one (their product's title fetched with them).
    for variant in (
        ProductVariant.objects.filter(pk__in=[v.pk for v in variants])
        .select_related("page")
        .order_by("page__title", "sort_order")[:PREVIEW_PRODUCTS]
    ):
        regular = base_price(variant.page, variant)
        rows.append((f"{variant.page.title}: {variant}", regular, rule.discounted(regular)))
    return {"promotion": promotion, "rows": rows, "now": timezone.now()}
