"""The checkout summary: lines, shipping and total for the chosen method, before the Place order button."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalogue.tests.conftest import add_product
from catalogue.tests.fixtures import GUEST_CHECKOUT
from tests.html_checks import dangling_id_references, visible_text

CHECKOUT = reverse("catalogue:checkout")


@pytest.fixture
def cart_of_20(client, knives):
    product = add_product(knives, title="Board", price=Decimal("10.00"), stock=5)
    client.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "2"})
    return product


def summary_text(html: str) -> str:
    start = html.index("data-checkout-summary")
    return visible_text(html[start : html.index("</section>", start)])


@pytest.mark.django_db
def test_the_summary_prices_the_default_method_before_the_button(client, cart_of_20):
    html = client.get(CHECKOUT).content.decode()
    summary = summary_text(html)
    assert "2 × Board €20.00" in summary
    assert "Subtotal €20.00" in summary
    assert "Shipping Standard delivery (3–5 working days) €4.95" in summary
    assert "Total €24.95" in summary
    assert html.index("data-summary-total>€24.95<") < html.index("Place order")
    assert html.index("data-checkout-summary") < html.index("Place order")


@pytest.mark.django_db
def test_without_script_the_summary_prices_every_method(client, cart_of_20):
    summary = summary_text(client.get(CHECKOUT).content.decode())
    assert "Standard delivery (3–5 working days): €4.95 shipping, €24.95 in total" in summary
    assert "Express delivery (next working day): €12.50 shipping, €32.50 in total" in summary
    assert "Click & collect from our shop: €0.00 shipping, €20.00 in total" in summary


@pytest.mark.django_db
def test_delivery_choices_show_prices_with_currency(client, cart_of_20):
    html = client.get(CHECKOUT).content.decode()
    assert "Express delivery (next working day) — €12.50" in html
    assert "Standard delivery (3–5 working days) — €4.95" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "total"), [("express", "€32.50"), ("collect", "€20.00"), ("bogus", "€24.95")]
)
def test_a_failed_submit_prices_the_method_it_chose(client, cart_of_20, method, total):
    response = client.post(CHECKOUT, {**GUEST_CHECKOUT, "postcode": "", "shipping_method": method})
    assert response.status_code == 400
    assert f"data-summary-total>{total}<" in response.content.decode()


@pytest.mark.django_db
def test_free_delivery_shows_in_the_summary(client, knives):
    product = add_product(knives, price=Decimal("80.00"), stock=5)
    client.post(reverse("catalogue:cart_add"), {"product_id": product.pk})
    summary = summary_text(client.get(CHECKOUT).content.decode())
    assert "Shipping Standard delivery (3–5 working days) €0.00" in summary and "Total €80.00" in summary


@pytest.mark.django_db
def test_checkout_aria_references_all_exist_before_and_after_errors(client, cart_of_20):
    page = client.get(CHECKOUT).content.decode()
    assert 'aria-describedby="id_email_helptext"' in page
    assert dangling_id_references(page) == []
    failed = client.post(CHECKOUT, {**GUEST_CHECKOUT, "email": "nope", "city": ""}).content.decode()
    assert 'aria-describedby="id_email_helptext id_email_error"' in failed
    assert 'id="id_city_error"' in failed and 'aria-invalid="true"' in failed
    assert 'role="alert"' in failed and "Please correct the highlighted fields" in failed
    assert dangling_id_references(failed) == []
