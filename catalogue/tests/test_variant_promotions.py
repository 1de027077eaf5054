"""Promotions on single variants: only that variant is lowered, its product's "From" price follows,
the cart and the order charge it, and discounts still never stack."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogue.models import Order, ProductPage, ProductVariant
from catalogue.pricing import lowest_price, price_for
from catalogue.pricing.promotions import live_promotions
from catalogue.pricing.variant_targets import VariantTarget, parse_variant_targets
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product, add_variants, clear_caches
from catalogue.tests.pricing_builders import hours, published_promotion

pytestmark = pytest.mark.django_db


@pytest.fixture
def apron(knives):
    """An apron in three sizes: S and M at the product's 20.00, L at its own 26.00."""
    product = add_product(knives, title="Apron", sku="AP", price=Decimal("20.00"), stock=0)
    add_variants(
        product,
        {"sku": "AP-S", "size": "S"},
        {"sku": "AP-M", "size": "M"},
        {"sku": "AP-L", "size": "L", "price_override": Decimal("26.00")},
    )
    product.refresh_from_db()
    return product


def variant(sku):
    return ProductVariant.objects.get(sku=sku)


def fresh(product):
    return ProductPage.objects.get(pk=product.pk)


def test_a_variant_promotion_lowers_that_variant_only(apron):
    published_promotion(name="Large off", value="50", variants=[variant("AP-L")])
    assert price_for(apron, variant("AP-L")).amount == Decimal("13.00")
    assert price_for(apron, variant("AP-L")).promotion == "Large off"
    assert price_for(apron, variant("AP-M")).amount == Decimal("20.00")
    assert price_for(apron, variant("AP-S")).amount == Decimal("20.00")
    # The product as a whole (no variant named) is not covered.
    assert price_for(apron).amount == Decimal("20.00")


def test_a_variant_without_its_own_price_is_lowered_from_the_products_price(apron):
    published_promotion(value="5.00", kind="amount", variants=[variant("AP-M")])
    assert price_for(apron, variant("AP-M")).amount == Decimal("15.00")


def test_the_from_price_follows_a_variant_promotion_that_becomes_the_lowest(apron):
    assert lowest_price(fresh(apron)).amount == Decimal("20.00")
    published_promotion(value="50", variants=[variant("AP-L")])
    price = lowest_price(fresh(apron))
    assert (price.amount, price.regular, price.is_from) == (Decimal("13.00"), Decimal("26.00"), True)


def test_the_from_price_ignores_a_variant_promotion_that_stays_above_the_lowest(apron):
    published_promotion(value="10", variants=[variant("AP-L")])  # 26.00 -> 23.40, still above 20.00
    assert lowest_price(fresh(apron)).amount == Decimal("20.00")


def test_a_product_without_a_price_range_shows_from_once_one_variant_is_lowered(knives):
    shirt = add_product(knives, title="Shirt", sku="SH", price=Decimal("30.00"))
    small, _ = add_variants(shirt, {"sku": "SH-S", "size": "S"}, {"sku": "SH-M", "size": "M"})
    shirt = fresh(shirt)
    assert not shirt.price_is_from and not lowest_price(shirt).is_from
    published_promotion(value="20", variants=[small])
    price = lowest_price(fresh(shirt))
    assert (price.amount, price.is_from) == (Decimal("24.00"), True)


def test_variant_and_product_promotions_never_stack_the_lowest_wins(apron):
    published_promotion(name="Apron week", value="10", products=[apron])
    published_promotion(name="Large off", value="20", variants=[variant("AP-L")])
    large = price_for(apron, variant("AP-L"))
    assert (large.amount, large.promotion) == (Decimal("20.80"), "Large off")  # 26 - 20%, not - 30%
    small = price_for(apron, variant("AP-S"))
    assert (small.amount, small.promotion) == (Decimal("18.00"), "Apron week")


def test_a_variant_promotion_outside_its_dates_or_in_draft_changes_nothing(apron):
    published_promotion(value="50", variants=[variant("AP-L")], starts_at=hours(2))
    assert price_for(apron, variant("AP-L")).amount == Decimal("26.00")
    assert lowest_price(fresh(apron)).amount == Decimal("20.00")
    assert price_for(apron, variant("AP-L"), at=hours(3)).amount == Decimal("13.00")


def test_a_variant_priced_with_another_product_is_not_covered(knives, apron):
    """A variant id is only covered together with its own product (a forged cart line is not)."""
    other = add_product(knives, title="Gloves", sku="GL", price=Decimal("26.00"))
    published_promotion(value="50", variants=[variant("AP-L")])
    assert price_for(other, variant("AP-L")).amount == Decimal("26.00")


def test_the_targets_load_in_the_same_query_as_the_promotions(apron, django_assert_num_queries):
    published_promotion(value="50", variants=[variant("AP-L"), variant("AP-S")])
    published_promotion(name="Plain", value="5")  # no targets at all
    clear_caches()
    # The promotions with every kind of target, variants included: one query.
    with django_assert_num_queries(1):
        rules = live_promotions()
    targets = {rule.name: rule.variant_targets for rule in rules}
    assert targets["Plain"] == ()
    assert targets["Spring sale"] == (
        VariantTarget(pk=variant("AP-S").pk, product_id=apron.pk, price_override=None),
        VariantTarget(pk=variant("AP-L").pk, product_id=apron.pk, price_override=Decimal("26.00")),
    )


def test_a_targeted_variants_new_price_reaches_the_from_price(apron):
    published_promotion(value="50", variants=[variant("AP-L")])
    assert lowest_price(fresh(apron)).amount == Decimal("13.00")
    apron = fresh(apron)
    variants = list(apron.variants.all())  # as the editor's inline rows hold them
    next(row for row in variants if row.sku == "AP-L").price_override = Decimal("60.00")
    apron.variants = variants
    apron.save_revision().publish()
    # The cache registry starts a new content generation: no stale 13.00.
    assert lowest_price(fresh(apron)).amount == Decimal("20.00")
    assert price_for(fresh(apron), variant("AP-L")).amount == Decimal("30.00")


# --- through the views ---------------------------------------------------------------------


def test_the_card_shows_the_from_price_a_variant_promotion_makes(client, knives, apron):
    published_promotion(value="50", variants=[variant("AP-L")])
    html = client.get(knives.url).content.decode()
    assert '<span class="price__from">From</span> <span class="sr-only">Sale price: </span>€13.00' in html


def test_the_product_page_shows_the_lowered_variant_and_the_others_at_their_price(client, apron):
    published_promotion(value="50", variants=[variant("AP-L")])
    large = client.get(apron.url, {"variant": variant("AP-L").pk}).content.decode()
    assert "€13.00" in large and "€26.00</s>" in large
    small = client.get(apron.url, {"variant": variant("AP-S").pk}).content.decode()
    assert "€20.00" in small and "€13.00" not in small


def test_the_cart_and_the_order_charge_the_lowered_variant_and_ignore_posted_prices(client, apron):
    published_promotion(value="50", variants=[variant("AP-L")])
    for sku in ("AP-L", "AP-S"):
        client.post(
            "/cart/add/",
            {"product_id": str(apron.pk), "variant": str(variant(sku).pk), "quantity": "1", "price": "0.01"},
        )
    cart = client.get("/cart/").content.decode()
    assert "€13.00 each" in cart and "€20.00 each" in cart
    response = client.post("/checkout/", {**GUEST_CHECKOUT, "unit_price": "0.01", "total": "0.01"})
    assert response.status_code == 302
    order = Order.objects.get()
    assert {line.sku: line.unit_price for line in order.lines.all()} == {
        "AP-L": Decimal("13.00"),
        "AP-S": Decimal("20.00"),
    }
    assert order.subtotal == Decimal("33.00")


# --- the parser of the targets column --------------------------------------------------------

entries = st.tuples(
    st.integers(min_value=1, max_value=2**62),
    st.integers(min_value=1, max_value=2**62),
    st.one_of(st.none(), st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False)),
)


@given(st.lists(entries, max_size=20))
def test_parsing_reads_back_every_target_the_database_joins(targets):
    text = ",".join(f"{pk}:{product}:{'' if price is None else price}" for pk, product, price in targets)
    parsed = parse_variant_targets(text)
    expected = {
        VariantTarget(pk=pk, product_id=product, price_override=price) for pk, product, price in targets
    }
    assert set(parsed) == expected


@given(st.text(max_size=200))
def test_parsing_never_raises_on_any_text(text):
    for target in parse_variant_targets(text):
        assert isinstance(target.pk, int) and isinstance(target.product_id, int)


def test_json_ld_and_the_feed_announce_the_lowered_variant_only(client, apron):
    import json
    import re

    published_promotion(value="50", variants=[variant("AP-L")], ends_at=hours(48))
    html = client.get(apron.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    offers = {item["sku"]: item["offers"] for item in data[0]["hasVariant"]}
    assert offers["AP-L"]["price"] == "13.00"
    assert offers["AP-L"]["priceSpecification"]["price"] == "26.00"
    assert "priceValidUntil" in offers["AP-L"]
    assert offers["AP-S"]["price"] == "20.00" and "priceSpecification" not in offers["AP-S"]

    feed = b"".join(client.get("/feeds/products.xml").streaming_content).decode()
    items = {re.search(r"<g:id>(.*?)</g:id>", item).group(1): item for item in feed.split("<item>")[1:]}
    assert "<g:price>26.00 EUR</g:price>" in items["AP-L"]
    assert "<g:sale_price>13.00 EUR</g:sale_price>" in items["AP-L"]
    assert "g:sale_price_effective_date" in items["AP-L"]
    assert "g:sale_price" not in items["AP-S"]
