"""catalogue.pricing.price_for: regular, sale and promotion prices, and which one wins."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalogue.factories import BrandFactory
from catalogue.pricing import price_for
from catalogue.tests.fixtures import add_product
from catalogue.tests.pricing_builders import hours, published_promotion

pytestmark = pytest.mark.django_db


def test_a_product_without_sale_or_promotion_costs_its_price(knives):
    product = add_product(knives, image=False, price=Decimal("40.00"))
    price = price_for(product)
    assert (price.amount, price.regular, price.on_sale, price.valid_until) == (
        Decimal("40.00"),
        Decimal("40.00"),
        False,
        None,
    )


def test_a_running_sale_charges_the_sale_price_until_it_ends(knives):
    ends = hours(48)
    product = add_product(
        knives,
        image=False,
        price=Decimal("40.00"),
        sale_price=Decimal("30.00"),
        sale_starts_at=hours(-1),
        sale_ends_at=ends,
    )
    price = price_for(product)
    assert (price.amount, price.regular, price.valid_until) == (Decimal("30.00"), Decimal("40.00"), ends)
    assert price.saving == Decimal("10.00")


@pytest.mark.parametrize(("starts", "ends"), [(2, 48), (-48, -2)], ids=["not yet started", "already over"])
def test_a_sale_outside_its_dates_charges_the_regular_price(knives, starts, ends):
    product = add_product(
        knives,
        image=False,
        price=Decimal("40.00"),
        sale_price=Decimal("30.00"),
        sale_starts_at=hours(starts),
        sale_ends_at=hours(ends),
    )
    assert price_for(product).amount == Decimal("40.00")
    # ...and at a moment inside them, the sale price.
    assert price_for(product, at=hours((starts + ends) / 2)).amount == Decimal("30.00")


def test_a_sale_price_must_be_below_the_price_and_end_after_it_starts(knives):
    product = add_product(knives, image=False, price=Decimal("40.00"))
    product.sale_price = Decimal("45.00")
    product.sale_starts_at, product.sale_ends_at = hours(2), hours(1)
    with pytest.raises(ValidationError) as error:
        product.full_clean()
    assert set(error.value.message_dict) >= {"sale_price", "sale_ends_at"}


def test_a_category_promotion_covers_products_in_its_sub_categories(kitchen, knives):
    product = add_product(knives, image=False, price=Decimal("80.00"))
    published_promotion(value="25", categories=[kitchen], ends_at=hours(24))
    price = price_for(product)
    assert (price.amount, price.promotion) == (Decimal("60.00"), "Spring sale")


def test_a_brand_promotion_covers_that_brand_only(knives):
    acme, other = BrandFactory(name="Acme"), BrandFactory(name="Other")
    covered = add_product(knives, image=False, price=Decimal("50.00"), brand=acme)
    not_covered = add_product(knives, image=False, price=Decimal("50.00"), brand=other)
    published_promotion(kind="amount", value="5.00", brands=[acme])
    assert price_for(covered).amount == Decimal("45.00")
    assert price_for(not_covered).amount == Decimal("50.00")


def test_an_amount_promotion_never_takes_a_price_below_zero(knives):
    product = add_product(knives, image=False, price=Decimal("3.00"))
    published_promotion(kind="amount", value="10.00", products=[product])
    assert price_for(product).amount == Decimal("0.00")


def test_a_draft_promotion_changes_no_price(knives):
    from catalogue.models import Promotion

    product = add_product(knives, image=False, price=Decimal("50.00"))
    draft = Promotion(name="Not approved yet", kind="percent", value=Decimal("50"), live=False)
    draft.save()
    draft.products.set([product])
    draft.save()
    draft.save_revision()
    assert price_for(product).amount == Decimal("50.00")


def test_a_promotion_outside_its_dates_changes_no_price(knives):
    product = add_product(knives, image=False, price=Decimal("50.00"))
    published_promotion(value="50", products=[product], starts_at=hours(1), ends_at=hours(5))
    assert price_for(product).amount == Decimal("50.00")
    assert price_for(product, at=hours(2)).amount == Decimal("25.00")


def test_discounts_never_stack_the_lowest_price_wins(knives):
    product = add_product(
        knives, image=False, price=Decimal("100.00"), sale_price=Decimal("85.00"), sale_ends_at=hours(10)
    )
    published_promotion(name="Ten off", value="10", products=[product])
    published_promotion(name="Twenty off", value="20", products=[product], ends_at=hours(3))
    price = price_for(product)
    assert (price.amount, price.promotion, price.regular) == (
        Decimal("80.00"),
        "Twenty off",
        Decimal("100.00"),
    )


def test_unpublishing_a_promotion_ends_it_at_once(knives):
    product = add_product(knives, image=False, price=Decimal("50.00"))
    promotion = published_promotion(value="10", products=[product])
    assert price_for(product).amount == Decimal("45.00")
    promotion.unpublish()
    assert price_for(product).amount == Decimal("50.00")


@dataclass
class VariantLike:
    """What catalogue.pricing reads from a variant (the Variant model is another branch's)."""

    price_override: Decimal | None


def test_a_variant_with_its_own_price_skips_the_product_sale_but_takes_promotions(knives):
    product = add_product(
        knives, image=False, price=Decimal("40.00"), sale_price=Decimal("30.00"), sale_ends_at=hours(5)
    )
    assert price_for(product, VariantLike(price_override=Decimal("60.00"))).amount == Decimal("60.00")
    assert price_for(product, VariantLike(price_override=None)).amount == Decimal("30.00")
    published_promotion(value="50", products=[product])
    assert price_for(product, VariantLike(price_override=Decimal("60.00"))).amount == Decimal("30.00")
