"""Reading ?variant=: an id or a SKU names a variant of this product; anything else gives the default."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from catalogue.models import ProductVariant
from catalogue.variant_picker import choose_variant, default_variant, variant_named


def variants():
    made = [
        ProductVariant(pk=7, sku="TS-S", size="S", stock=0, price_override=Decimal("1")),
        ProductVariant(pk=8, sku="TS-M", size="M", stock=2),
        ProductVariant(pk=9, sku="12", size="L", stock=1),
    ]
    return made


def test_a_variant_is_named_by_id_or_by_sku_in_any_case():
    listed = variants()
    assert variant_named(listed, "8").sku == "TS-M"
    assert variant_named(listed, " ts-m ").sku == "TS-M"
    # An id wins over a SKU that looks like a number; a SKU is found once no id matches.
    assert variant_named(listed, "9").sku == "12"
    assert variant_named(listed, "12").sku == "12"


def test_the_default_is_the_first_in_stock_else_the_first():
    listed = variants()
    assert default_variant(listed).sku == "TS-M"
    for variant in listed:
        variant.stock = 0
    assert default_variant(listed).sku == "TS-S"
    assert default_variant([]) is None


@given(st.one_of(st.none(), st.text(), st.integers(), st.binary(), st.lists(st.text())))
def test_any_parameter_gives_one_of_the_products_variants(raw):
    listed = variants()
    chosen, requested = choose_variant(listed, raw)
    assert chosen in listed
    if not requested:
        assert chosen.sku == "TS-M"


@given(st.text())
def test_no_parameter_names_a_variant_it_does_not_spell(raw):
    named = variant_named(variants(), raw)
    if named is not None:
        text = raw.strip()
        assert text == str(named.pk) or text.casefold() == named.sku.casefold()
