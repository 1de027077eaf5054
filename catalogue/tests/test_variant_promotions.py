"""Promotions on single variants: only that variant is lowered, its product's "From" price follows,
the cart and the order charge it, and discounts still never stack."""

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogue.models import Order, ProductPage, ProductVariant
from catalogue.pricing import lowest_price, price_for
from catalogue.pricing.promotions import live_promotions, ride_with_the_site
from catalogue.pricing.variant_targets import VariantTarget, read_variant_targets
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


# --- the reader of the targets list ---------------------------------------------------------


@pytest.mark.parametrize("read_with_the_site", [False, True], ids=["alone", "with the site"])
def test_the_targets_own_prices_come_back_exact(knives, read_with_the_site):
    """Prices travel as text inside the JSON: no float on the way, on any backend."""
    from wagtail.models import Site

    prices = [Decimal("19.99"), Decimal("0.10"), Decimal("26.00"), Decimal("99999999.99"), None]
    product = add_product(knives, title="Towel", sku="TW", price=Decimal("5.00"))
    variants = add_variants(
        product, *({"sku": f"TW-{n}", "size": str(n), "price_override": p} for n, p in enumerate(prices))
    )
    published_promotion(value="10", variants=variants)
    clear_caches()
    if read_with_the_site:
        ride = ride_with_the_site()
        ride.receive(Site.objects.annotate(rules=ride.expression).values_list("rules", flat=True)[0])
    (rule,) = live_promotions()
    assert rule.variant_targets == tuple(
        VariantTarget(pk=v.pk, product_id=product.pk, price_override=p)
        for v, p in zip(variants, prices, strict=True)
    )
    assert [str(target.price_override) for target in rule.variant_targets] == [
        "19.99",
        "0.10",
        "26.00",
        "99999999.99",
        "None",
    ]


ids = st.integers(min_value=1, max_value=2**62)
prices = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False))
targets = st.lists(st.tuples(ids, ids, prices), max_size=20)


def as_objects(targets):
    """The targets as the database lists them (the price as text, as variant_target_object casts it)."""
    return [
        {"pk": pk, "product_id": product, "price_override": None if price is None else str(price)}
        for pk, product, price in targets
    ]


def expected(targets):
    found = {VariantTarget(pk=pk, product_id=product, price_override=price) for pk, product, price in targets}
    return tuple(sorted(found, key=lambda target: target.pk))


@given(targets)
def test_reading_gives_back_every_target_sorted_and_once(targets):
    assert read_variant_targets(as_objects(targets)) == expected(targets)


@given(targets)
def test_reading_takes_the_list_or_its_objects_as_json_text(targets):
    """SQLite hands JSON read through a subquery on as text: the list, and each object in it."""
    objects = as_objects(targets)
    assert read_variant_targets(json.dumps(objects)) == expected(targets)
    assert read_variant_targets(json.dumps([json.dumps(item) for item in objects])) == expected(targets)


@given(targets)
def test_a_price_read_as_a_json_number_is_still_exact(targets):
    """Should a price come as a number (a float from psycopg, a Decimal from ``json.loads``), it reads as printed."""
    for kind in (float, Decimal):
        numbers = [
            {"pk": pk, "product_id": product, "price_override": None if price is None else kind(price)}
            for pk, product, price in targets
        ]
        assert read_variant_targets(numbers) == expected(targets)
        assert read_variant_targets(json.dumps(numbers, default=float)) == expected(targets)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=15), children, max_size=5)
    ),
    max_leaves=30,
)
# Objects close enough to a target to reach every check of the reader.
near_targets = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "pk": ids | json_values,
            "product_id": ids | json_values,
            "price_override": prices | json_values,
        },
    )
    | json_values,
    max_size=10,
)


@given(
    st.one_of(
        json_values,
        near_targets,
        near_targets.map(lambda value: json.dumps(value, default=str)),
        st.text(max_size=200),
    )
)
def test_reading_skips_what_is_not_a_target_and_never_raises(value):
    for target in read_variant_targets(value):
        assert isinstance(target.pk, int) and isinstance(target.product_id, int)
        assert target.price_override is None or target.price_override.as_tuple().exponent == -2


def test_reading_keeps_the_good_entries_beside_bad_ones():
    good = {"pk": 3, "product_id": 1, "price_override": "4.5"}
    value = [
        {"pk": "3", "product_id": 1, "price_override": None},  # an id as text
        {"pk": True, "product_id": 1, "price_override": None},  # a bool is not an id
        {"pk": 4, "product_id": 1, "price_override": "abc"},
        {"pk": 5, "product_id": 1, "price_override": "NaN"},
        {"pk": 6, "product_id": 1, "price_override": "Infinity"},
        {"pk": 7, "product_id": 1, "price_override": [1]},
        {"pk": 8},
        "{not json",
        17,
        good,
        good,
    ]
    assert read_variant_targets(value) == (VariantTarget(pk=3, product_id=1, price_override=Decimal("4.50")),)
    assert read_variant_targets(None) == read_variant_targets("not json") == read_variant_targets({}) == ()


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
