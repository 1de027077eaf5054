"""What a promotion's admin preview shows: a few products it covers, before and after."""

from django.db.models import Q
from django.utils import timezone

from .promotions import PromotionRule

PREVIEW_PRODUCTS = 12


def promotion_preview_context(promotion) -> dict:
    """The draft as it stands in the form (targets included), applied to live products."""
    from catalogue.models import ProductPage

    categories = list(promotion.categories.all())
    brands = list(promotion.brands.all())
    products = list(promotion.products.all())
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
    rows = [(product, product.price, rule.discounted(product.price)) for product in matches]
    return {"promotion": promotion, "rows": rows, "now": timezone.now()}
