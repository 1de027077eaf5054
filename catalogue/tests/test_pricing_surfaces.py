"""With a sale and a promotion running, every surface shows and charges the same prices.

One product is on sale (40.00, now 30.00 until ``SALE_ENDS``); another is 25% off by a
promotion (80.00, now 60.00). Each test reads one surface the way shoppers, feeds and
API clients do.
"""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from catalogue.models import Order
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product
from catalogue.tests.pricing_builders import published_promotion

pytestmark = pytest.mark.django_db

SALE_ENDS = timezone.now().replace(microsecond=0) + timedelta(days=2)


@pytest.fixture
def on_sale(knives):
    return add_product(
        knives,
        title="Paring knife",
        sku="PK-1",
        price=Decimal("40.00"),
        sale_price=Decimal("30.00"),
        sale_starts_at=timezone.now() - timedelta(hours=1),
        sale_ends_at=SALE_ENDS,
    )


@pytest.fixture
def promoted(knives):
    product = add_product(knives, title="Bread knife", sku="BK-1", price=Decimal("80.00"))
    published_promotion(name="Bread week", value="25", products=[product])
    return product


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_cards_show_the_reduced_price_with_the_regular_one_struck_through(client, knives, on_sale, promoted):
    html = text(client.get(knives.url))
    assert re.search(r"€30\.00 <s class=\"price--was\"><span class=\"sr-only\">was </span>€40\.00</s>", html)
    assert re.search(r"€60\.00 <s class=\"price--was\">.*?€80\.00</s>", html)


def test_the_product_page_shows_the_sale_and_when_it_ends(client, on_sale):
    html = text(client.get(on_sale.url))
    assert '<p class="price price--large"><span class="sr-only">Sale price: </span>€30.00 <s' in html
    assert f"Sale ends {SALE_ENDS:%-d %b %Y}" in html
    assert "Includes 23% VAT" in html


def test_json_ld_offers_the_sale_price_valid_until_the_sale_ends(client, on_sale):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', client.get(on_sale.url).content.decode(), re.S
    )
    offer = json.loads(match.group(1))[0]["offers"]
    assert offer["price"] == "30.00"
    assert offer["priceValidUntil"] == SALE_ENDS.date().isoformat()
    assert offer["priceSpecification"]["price"] == "40.00"
    assert offer["priceSpecification"]["priceType"] == "https://schema.org/StrikethroughPrice"


def test_the_feed_lists_the_regular_price_and_the_sale_price_with_its_dates(client, on_sale, promoted):
    xml = b"".join(client.get("/feeds/products.xml").streaming_content).decode()
    item = re.search(r"<item><g:id>PK-1</g:id>.*?</item>", xml).group(0)
    assert "<g:price>40.00 EUR</g:price>" in item and "<g:sale_price>30.00 EUR</g:sale_price>" in item
    assert f"/{SALE_ENDS.isoformat(timespec='minutes')}</g:sale_price_effective_date>" in item
    promoted_item = re.search(r"<item><g:id>BK-1</g:id>.*?</item>", xml).group(0)
    assert "<g:sale_price>60.00 EUR</g:sale_price>" in promoted_item


def test_the_rest_api_and_the_pages_api_give_the_price_charged(client, on_sale, promoted):
    summary = {p["sku"]: p for p in client.get("/api/v1/products/").json()["results"]}
    assert (summary["PK-1"]["price"], summary["PK-1"]["regular_price"]) == ("30.00", "40.00")
    assert summary["PK-1"]["price_valid_until"].startswith(SALE_ENDS.date().isoformat())
    assert (summary["BK-1"]["price"], summary["BK-1"]["price_valid_until"]) == ("60.00", None)
    pages = client.get("/api/v2/pages/", {"type": "catalogue.ProductPage", "fields": "sku,price"}).json()
    assert {item["sku"]: item["price"] for item in pages["items"]} == {"PK-1": "30.00", "BK-1": "60.00"}


def test_cart_checkout_order_and_email_charge_the_reduced_prices(
    client, on_sale, promoted, django_capture_on_commit_callbacks
):
    for product, quantity in ((on_sale, 2), (promoted, 1)):
        client.post("/cart/add/", {"product_id": product.pk, "quantity": quantity})
    cart = text(client.get("/cart/"))
    assert "€30.00 each" in cart and "€60.00 each" in cart and "€120.00" in cart
    checkout = text(client.get("/checkout/"))
    # 120.00 of goods ships free (standard, over 75.00).
    assert "<dd data-summary-total>€120.00</dd>" in checkout
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/checkout/", GUEST_CHECKOUT)
    order = Order.objects.get()
    assert [(line.sku, line.unit_price, line.line_total) for line in order.lines.order_by("sku")] == [
        ("BK-1", Decimal("60.00"), Decimal("60.00")),
        ("PK-1", Decimal("30.00"), Decimal("60.00")),
    ]
    assert (order.subtotal, order.total) == (Decimal("120.00"), Decimal("120.00"))
    assert "— €60.00" in mail.outbox[0].body and "Total:    €120.00" in mail.outbox[0].body


def test_the_rest_cart_prices_lines_with_the_pricing_service(on_sale):
    api = APIClient()
    body = api.post("/api/v1/cart/lines/", {"product_id": on_sale.pk, "quantity": 3}, format="json").json()
    line = body["lines"][0]
    assert (line["unit_price"], line["line_total"], body["subtotal"]) == ("30.00", "90.00", "90.00")
    assert line["product"]["regular_price"] == "40.00"
