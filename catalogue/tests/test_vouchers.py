"""Voucher codes at checkout: discounts, limits, and clear refusals (never a 500)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from catalogue.models import Order, Voucher, VoucherRedemption
from catalogue.models.promotions import normalise_code
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from catalogue.tests.pricing_builders import voucher

# -- The code parser -------------------------------------------------------------


@given(st.text(max_size=80))
def test_a_normalised_code_is_empty_or_upper_case_letters_and_digits(raw):
    code = normalise_code(raw)
    assert code == "" or (code.isascii() and code.isalnum() and code == code.upper() and len(code) <= 32)
    assert normalise_code(code) == code


@given(
    st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=32),
    st.lists(st.sampled_from([" ", "-", "_", "\t"]), max_size=5),
    st.randoms(use_true_random=False),
)
def test_a_code_typed_in_any_case_with_spaces_or_dashes_reads_as_itself(code, separators, rng):
    typed = [ch.lower() if rng.random() < 0.5 else ch for ch in code]
    for separator in separators:
        typed.insert(rng.randint(0, len(typed)), separator)
    assert normalise_code("".join(typed)) == code


@pytest.mark.parametrize("raw", [None, "", "   ", "SAVE10!", "ÄBC", "X" * 33, "<script>"])
def test_input_that_cannot_be_a_code_normalises_to_nothing(raw):
    assert normalise_code(raw) == ""


# -- At checkout -------------------------------------------------------------------


@pytest.fixture
def cart_of_100(client, knives):
    product = add_product(knives, image=False, price=Decimal("50.00"), stock=20)
    client.post("/cart/add/", {"product_id": product.pk, "quantity": 2})
    return product


def checkout(client, code, **changes):
    return client.post("/checkout/", {**GUEST_CHECKOUT, "voucher_code": code, **changes})


@pytest.mark.django_db
def test_a_percentage_voucher_discounts_the_order_and_is_redeemed_once(client, cart_of_100):
    voucher(code="SAVE10", value="10", max_uses=5)
    response = checkout(client, " save-10 ")
    assert response.status_code == 302
    order = Order.objects.get()
    assert (order.subtotal, order.discount_total, order.voucher_code) == (
        Decimal("100.00"),
        Decimal("10.00"),
        "SAVE10",
    )
    # 90.00 of goods ships free (standard, over 75.00).
    assert order.total == Decimal("90.00")
    assert Voucher.objects.get().times_used == 1
    redemption = VoucherRedemption.objects.get()
    assert (redemption.order, redemption.email) == (order, "guest@example.com")
    page = client.get(f"/checkout/orders/{order.reference}/").content.decode()
    assert "Discount (SAVE10)" in page and "−€10.00" in page


@pytest.mark.django_db
def test_an_amount_voucher_moves_the_order_under_the_free_shipping_threshold(client, knives):
    product = add_product(knives, image=False, price=Decimal("80.00"))
    client.post("/cart/add/", {"product_id": product.pk})
    voucher(code="TENOFF", kind="amount", value="10.00")
    checkout(client, "tenoff")
    order = Order.objects.get()
    # 80.00 - 10.00 = 70.00 of goods: under 75.00, so standard shipping (4.95) is charged.
    assert (order.discount_total, order.shipping_cost, order.total) == (
        Decimal("10.00"),
        Decimal("4.95"),
        Decimal("74.95"),
    )


@pytest.mark.django_db
def test_apply_prices_the_summary_without_placing_the_order(client, cart_of_100):
    voucher(code="SAVE10", value="10")
    response = client.post(
        "/checkout/", {"voucher_code": "save10", "apply_voucher": "1", "email": "a@example.com"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Discount (SAVE10)" in html and "<dd data-summary-total>€90.00</dd>" in html
    assert 'value="save10"' in html and 'value="a@example.com"' in html
    assert not Order.objects.exists() and Voucher.objects.get().times_used == 0


def refused(response, message):
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert not Order.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "typed", "message"),
    [
        ({}, "NOPE", "Sorry, “NOPE” is not a voucher code we know."),
        ({}, "!!!", "Sorry, “!!!” is not a voucher code we know."),
        ({"active": False}, "SAVE10", "Sorry, “SAVE10” is not a voucher code we know."),
        ({"ends_at": timezone.now() - timedelta(days=1)}, "SAVE10", "The code SAVE10 has expired."),
        ({"starts_at": timezone.now() + timedelta(days=1)}, "SAVE10", "The code SAVE10 cannot be used yet."),
        ({"max_uses": 3, "times_used": 3}, "SAVE10", "The code SAVE10 has been used up."),
        (
            {"minimum_subtotal": Decimal("150")},
            "SAVE10",
            "The code SAVE10 needs an order of at least €150.00.",
        ),
    ],
    ids=["unknown", "garbage", "inactive", "expired", "not-yet", "used-up", "minimum"],
)
def test_a_voucher_that_cannot_be_used_is_refused_with_the_reason(
    client, cart_of_100, fields, typed, message
):
    voucher(code="SAVE10", **fields)
    refused(checkout(client, typed), message)
    # "Apply" says the same, and also changes nothing.
    refused(client.post("/checkout/", {"voucher_code": typed, "apply_voucher": "1"}), message)


@pytest.mark.django_db
def test_a_customer_cannot_use_a_voucher_beyond_their_own_limit(client, knives, cart_of_100):
    voucher(code="WELCOME", value="15", max_uses_per_customer=1)
    assert checkout(client, "WELCOME").status_code == 302
    product = add_product(knives, image=False, price=Decimal("20.00"))
    client.post("/cart/add/", {"product_id": product.pk})
    # The same email, in another case, is the same customer.
    response = checkout(client, "WELCOME", email="GUEST@example.com")
    assert response.status_code == 400
    assert "You have already used the code WELCOME." in response.content.decode()
    assert Order.objects.count() == 1 and Voucher.objects.get().times_used == 1


@pytest.mark.django_db
def test_a_voucher_used_up_between_apply_and_place_rolls_the_order_back(knives):
    """The service's own check: the conditional update refuses, and nothing is kept."""
    from catalogue.models import Cart, CartLine, ProductPage
    from catalogue.pricing.vouchers import VoucherError
    from catalogue.services.orders import order_place
    from catalogue.tests.test_orders import DETAILS

    product = add_product(knives, image=False, price=Decimal("10.00"), stock=5)
    cart = Cart.objects.create()
    CartLine.objects.create(cart=cart, product=product, quantity=1)
    code = voucher(code="LAST", max_uses=1)
    Voucher.objects.filter(pk=code.pk).update(times_used=1)
    details = DETAILS.__class__(**{**DETAILS.__dict__, "voucher_code": "LAST"})
    with pytest.raises(VoucherError):
        order_place(cart=cart, details=details)
    assert not Order.objects.exists()
    assert ProductPage.objects.get(pk=product.pk).stock == 5
    assert cart.lines.count() == 1


@pytest.mark.django_db
def test_the_api_checkout_takes_a_voucher_and_refuses_a_bad_one_with_409(knives):
    api = APIClient()
    product = add_product(knives, image=False, price=Decimal("50.00"), stock=5)
    token = api.post("/api/v1/cart/lines/", {"product_id": product.pk, "quantity": 2}, format="json").json()[
        "token"
    ]
    voucher(code="SAVE10", value="10", ends_at=timezone.now() - timedelta(hours=1))
    voucher(code="FIVE", kind="amount", value="5")
    expired = api.post(
        "/api/v1/checkout/",
        {**GUEST_CHECKOUT, "voucher_code": "save10"},
        format="json",
        HTTP_X_CART_TOKEN=token,
    )
    assert expired.status_code == 409
    assert expired.json()["error"]["message"] == "The code SAVE10 has expired."
    placed = api.post(
        "/api/v1/checkout/",
        {**GUEST_CHECKOUT, "voucher_code": "five"},
        format="json",
        HTTP_X_CART_TOKEN=token,
    )
    assert placed.status_code == 201
    order = placed.json()["order"]
    assert (order["discount_total"], order["voucher_code"], order["total"]) == ("5.00", "FIVE", "95.00")
    # Not a string: refused as input (400), not a 500.
    assert (
        api.post("/api/v1/checkout/", {**GUEST_CHECKOUT, "voucher_code": 12}, format="json").status_code
        == 400
    )
