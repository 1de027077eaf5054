"""The placeholder filler never fails, whatever editors type."""

from hypothesis import given
from hypothesis import strategies as st

from catalogue.emails.placeholders import fill, placeholders_in, unknown_placeholders

VALUES = {"order_number": "WS26-000001", "customer_name": "Ann {order_number}"}


def test_known_placeholders_are_filled_with_or_without_spaces():
    assert fill("Order {order_number} / { order_number }", VALUES) == "Order WS26-000001 / WS26-000001"


def test_a_value_that_looks_like_a_placeholder_is_not_filled_again():
    assert fill("Hi {customer_name}", VALUES) == "Hi Ann {order_number}"


def test_unknown_placeholders_are_left_out_and_stray_braces_kept():
    assert fill("{nope} {order_number} {two words} {1x} {", VALUES) == " WS26-000001 {two words} {1x} {"


def test_placeholders_are_listed_once_in_order_and_unknown_ones_named():
    text = "{b} {a} {b} {c}"
    assert placeholders_in(text) == ["b", "a", "c"]
    assert unknown_placeholders(text, {"a"}) == ["b", "c"]


@given(st.text())
def test_fill_never_raises_and_text_without_braces_is_unchanged(text):
    assert isinstance(fill(text, VALUES), str)
    plain = text.replace("{", "").replace("}", "")
    assert fill(plain, VALUES) == plain


@given(st.lists(st.sampled_from(["{order_number}", "{ghost}", "{", "}", "text ", "{{", "}}"])))
def test_every_placeholder_is_filled_or_left_out(pieces):
    filled = fill("".join(pieces), VALUES)
    assert "{ghost}" not in filled and "{order_number}" not in filled
