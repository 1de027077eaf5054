"""Products sold by variant: the page and its picker, listings, the cart, orders, stock and the feed."""

import json
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache

from catalogue.models import CartLine, Order, ProductPage, ProductVariant, StockMovement
from catalogue.services.errors import StockError
from catalogue.services.orders import order_set_status
from catalogue.services.stock import stock_adjust
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product, add_variants

ADD_URL = "/cart/add/"


@pytest.fixture
def apron(knives):
    """An apron in three sizes: S at the product's price, M dearer and sold out, L dearer still."""
    product = add_product(knives, title="Apron", sku="AP", price=Decimal("20.00"), stock=0)
    add_variants(
        product,
        {"sku": "AP-S", "size": "S", "colour": "Blue", "stock": 4},
        {"sku": "AP-M", "size": "M", "colour": "Blue", "price_override": Decimal("24.00"), "stock": 0},
        {"sku": "AP-L", "size": "L", "colour": "Red", "price_override": Decimal("26.00"), "stock": 7},
    )
    product.refresh_from_db()
    return product


def variant(sku):
    return ProductVariant.objects.get(sku=sku)


def structured_data(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(match.group(1))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- the product and its summary -------------------------------------------------------


@pytest.mark.django_db
def test_a_product_with_variants_holds_the_sum_of_their_stock_and_their_price_range(apron):
    assert apron.stock == 11
    assert apron.variant_count == 3
    assert (apron.price_min, apron.price_max) == (Decimal("20.00"), Decimal("26.00"))
    assert variant("AP-S").base_price == Decimal("20.00")
    assert variant("AP-L").base_price == Decimal("26.00")


@pytest.mark.django_db
def test_a_product_without_variants_keeps_its_own_price_and_stock(knives):
    product = add_product(knives, price=Decimal("12.00"), stock=3)
    product.refresh_from_db()
    assert (product.variant_count, product.stock, product.display_price) == (0, 3, Decimal("12.00"))
    assert not product.price_is_from


# --- the product page ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_shows_the_first_variant_in_stock_by_default(client, apron):
    response = client.get(apron.url)
    assert response.context["variant"].sku == "AP-S"
    assert not response.context["variant_requested"]
    html = response.content.decode()
    assert '<form class="variant-picker" method="get"' in html
    assert ">Size / Colour</label>" in html
    assert f'<input type="hidden" name="variant" value="{variant("AP-S").pk}">' in html
    assert "<dd>AP-S</dd>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("by", ["id", "sku", "lower-case sku"])
def test_each_variant_has_its_own_url_by_id_or_sku(client, apron, by):
    large = variant("AP-L")
    value = {"id": str(large.pk), "sku": "AP-L", "lower-case sku": "ap-l"}[by]
    response = client.get(apron.url, {"variant": value})
    assert response.status_code == 200
    assert response.context["variant"] == large
    html = response.content.decode()
    assert "€26.00" in html and "<dd>AP-L</dd>" in html and "<dd>Red</dd>" in html
    # Every variant's URL names the product page as canonical.
    (canonical,) = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert canonical.endswith(apron.url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw", ["999999999", "abc", "-1", "1.5", "", " ", "AP-S\x00", "%", "9" * 500, "x" * 100, "١٢"]
)
def test_an_unknown_or_hostile_variant_falls_back_to_the_default(client, apron, raw):
    response = client.get(apron.url, {"variant": raw})
    assert response.status_code == 200
    assert response.context["variant"].sku == "AP-S"
    assert not response.context["variant_requested"]


@pytest.mark.django_db
def test_another_products_variant_is_not_shown_on_this_page(client, knives, apron):
    other = add_product(knives, title="Gloves", sku="GL")
    (glove,) = add_variants(other, {"sku": "GL-M", "size": "M"})
    response = client.get(apron.url, {"variant": glove.pk})
    assert response.context["variant"].sku == "AP-S"


@pytest.mark.django_db
def test_a_sold_out_variant_shows_sold_out_and_no_add_button(client, apron):
    html = client.get(apron.url, {"variant": "AP-M"}).content.decode()
    assert "Sold out" in html
    assert 'action="/cart/add/"' not in html
    assert "M / Blue – €24.00 (sold out)" in html


@pytest.mark.django_db
def test_the_page_cache_keeps_one_copy_per_variant(client, settings, apron):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    assert "<dd>AP-L</dd>" in client.get(apron.url, {"variant": "AP-L"}).content.decode()
    assert "<dd>AP-S</dd>" in client.get(apron.url, {"variant": "AP-S"}).content.decode()
    assert "<dd>AP-L</dd>" in client.get(apron.url, {"variant": "AP-L"}).content.decode()


@pytest.mark.django_db
def test_json_ld_is_a_product_group_with_its_variants(client, apron):
    group = next(item for item in structured_data(client.get(apron.url)) if item["@type"] == "ProductGroup")
    assert group["productGroupID"] == "AP"
    assert group["variesBy"] == ["https://schema.org/size", "https://schema.org/color"]
    assert "offers" not in group
    by_sku = {item["sku"]: item for item in group["hasVariant"]}
    assert set(by_sku) == {"AP-S", "AP-M", "AP-L"}
    large = by_sku["AP-L"]
    assert (large["size"], large["color"], large["name"]) == ("L", "Red", "Apron (L / Red)")
    assert large["offers"]["price"] == "26.00"
    assert large["offers"]["availability"] == "https://schema.org/InStock"
    assert large["offers"]["url"].endswith(f"{apron.url}?variant={variant('AP-L').pk}")
    assert by_sku["AP-M"]["offers"]["availability"] == "https://schema.org/OutOfStock"


@pytest.mark.django_db
def test_json_ld_of_a_product_without_variants_is_unchanged(client, knives):
    product = add_product(knives, sku="KN-1", price=Decimal("10.00"))
    (data, _crumbs) = structured_data(client.get(product.url))
    assert data["@type"] == "Product" and data["offers"]["price"] == "10.00"


@pytest.mark.django_db
def test_a_variants_picture_leads_the_gallery(client, apron):
    from catalogue.tests.fixtures import make_image

    picture = make_image("apron-red")
    ProductVariant.objects.filter(sku="AP-L").update(image=picture)
    response = client.get(apron.url, {"variant": "AP-L"})
    assert response.context["gallery"][0].image == picture
    assert client.get(apron.url, {"variant": "AP-S"}).context["gallery"][0].image != picture


# --- listings and search ---------------------------------------------------------------


@pytest.mark.django_db
def test_cards_show_a_from_price_and_send_the_shopper_to_choose(client, knives, apron):
    html = client.get(knives.url).content.decode()
    assert '<span class="price__from">From</span> €20.00' in html
    assert f'href="{apron.url}">Choose options' in html


@pytest.mark.django_db
def test_listing_filters_by_options_held_by_one_variant(client, knives, apron):
    shirt = add_product(knives, title="Shirt", sku="SH")
    add_variants(
        shirt, {"sku": "SH-M", "size": "M", "colour": "Red"}, {"sku": "SH-S", "size": "S", "colour": "Blue"}
    )
    plain = add_product(knives, title="Plain knife", sku="KN")

    def titles(**params):
        return [product.title for product in client.get(knives.url, params).context["products"]]

    assert set(titles()) == {"Apron", "Shirt", "Plain knife"}
    # The apron comes as an M in blue; the shirt has an M and a blue, but not together.
    assert titles(size="M", colour="blue") == ["Apron"]
    assert set(titles(size="m")) == {"Apron", "Shirt"}
    # The apron's blue M is sold out.
    assert titles(size="M", colour="Blue", in_stock="1") == []
    assert plain.title not in titles(size="S")


@pytest.mark.django_db
def test_listing_offers_the_options_its_products_come_in(client, knives, apron):
    response = client.get(knives.url, {"size": "L"})
    facets = {facet["name"]: facet for facet in response.context["option_facets"]}
    assert [value["value"] for value in facets["size"]["values"]] == ["L", "M", "S"]
    assert [value["value"] for value in facets["size"]["values"] if value["selected"]] == ["L"]
    assert "material" not in facets
    html = response.content.decode()
    assert 'name="size"' in html and "Size: L" in html  # the select and the chip


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["x" * 41, "\x00", "<script>", ""])
def test_a_hostile_option_filter_never_fails_the_listing(client, knives, apron, raw):
    response = client.get(knives.url, {"size": raw, "colour": raw})
    assert response.status_code == 200


@pytest.mark.django_db
def test_search_filters_by_option(client, knives, apron):
    shirt = add_product(knives, title="Apron shirt", sku="SH")
    add_variants(shirt, {"sku": "SH-XL", "size": "XL"})
    response = client.get("/search/", {"q": "apron", "size": "XL"})
    assert response.status_code == 200
    assert [product.title for product in response.context["products"]] == ["Apron shirt"]
    assert any(facet["name"] == "size" for facet in response.context["option_facets"])


# --- the cart ---------------------------------------------------------------------------


def add(client, product, variant_value=None, quantity="1", **extra):
    data = {"product_id": str(product.pk), "quantity": quantity, **extra}
    if variant_value is not None:
        data["variant"] = str(variant_value)
    return client.post(ADD_URL, data, follow=True)


@pytest.mark.django_db
def test_the_cart_holds_each_variant_on_its_own_line(client, apron):
    add(client, apron, variant("AP-S").pk, quantity="2")
    add(client, apron, variant("AP-L").pk)
    add(client, apron, variant("AP-S").pk)
    lines = {line.variant.sku: line.quantity for line in CartLine.objects.select_related("variant")}
    assert lines == {"AP-S": 3, "AP-L": 1}
    html = client.get("/cart/").content.decode()
    assert "Size: L, Colour: Red" in html and "€26.00 each" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "variant_value, message",
    [
        (None, "Please choose an option of Apron."),
        ("abc", "Sorry, that option is not available."),
        ("-1", "Sorry, that option is not available."),
        ("99999999", "Sorry, that option is not available."),
        ("9" * 40, "Sorry, that option is not available."),
    ],
)
def test_the_cart_refuses_a_missing_or_bad_variant(client, apron, variant_value, message):
    response = add(client, apron, variant_value)
    assert response.status_code == 200
    assert message in messages_of(response)
    assert not CartLine.objects.exists()


@pytest.mark.django_db
def test_the_cart_refuses_another_products_variant(client, knives, apron):
    other = add_product(knives, title="Gloves", sku="GL")
    (glove,) = add_variants(other, {"sku": "GL-M", "size": "M"})
    response = add(client, apron, glove.pk)
    assert "Sorry, that option is not available." in messages_of(response)
    assert not CartLine.objects.exists()


@pytest.mark.django_db
def test_the_cart_refuses_a_sold_out_variant_and_more_than_its_stock(client, apron):
    assert "Sorry, Apron (M / Blue) is sold out." in messages_of(add(client, apron, variant("AP-M").pk))
    response = add(client, apron, variant("AP-S").pk, quantity="5")
    assert "Sorry, only 4 of Apron (S / Blue) left in stock." in messages_of(response)
    assert not CartLine.objects.exists()


@pytest.mark.django_db
def test_a_variant_on_a_product_without_variants_is_refused(client, knives):
    product = add_product(knives)
    response = add(client, product, "1")
    assert "Sorry, that option is not available." in messages_of(response)


@pytest.mark.django_db
def test_a_posted_price_is_ignored(client, apron):
    add(client, apron, variant("AP-L").pk, price="0.01", unit_price="0.01", price_override="0.01")
    line = CartLine.objects.get()
    assert line.unit_price == Decimal("26.00")


@pytest.mark.django_db
def test_updating_and_removing_a_variant_line_leaves_the_other_variant(client, apron):
    add(client, apron, variant("AP-S").pk)
    add(client, apron, variant("AP-L").pk)
    client.post("/cart/update/", {"product_id": apron.pk, "variant": variant("AP-L").pk, "quantity": "3"})
    client.post("/cart/remove/", {"product_id": apron.pk, "variant": variant("AP-S").pk})
    assert [(line.variant.sku, line.quantity) for line in CartLine.objects.all()] == [("AP-L", 3)]
    response = client.post(
        "/cart/update/", {"product_id": apron.pk, "variant": "x", "quantity": "1"}, follow=True
    )
    assert response.status_code == 200 and "Sorry, that option is not available." in messages_of(response)


# --- orders and stock ---------------------------------------------------------------------


def checkout(client):
    return client.post("/checkout/", GUEST_CHECKOUT, follow=True)


@pytest.mark.django_db
def test_an_order_line_copies_title_options_sku_and_price_and_takes_the_variants_stock(client, apron):
    add(client, apron, variant("AP-L").pk, quantity="2")
    checkout(client)
    order = Order.objects.get()
    (line,) = order.lines.all()
    assert (line.product_title, line.options, line.sku) == ("Apron", "Size: L, Colour: Red", "AP-L")
    assert (line.unit_price, line.line_total, order.subtotal) == (
        Decimal("26.00"),
        Decimal("52.00"),
        Decimal("52.00"),
    )
    assert line.variant == variant("AP-L")
    assert variant("AP-L").stock == 5
    assert ProductPage.objects.get(pk=apron.pk).stock == 9
    movement = StockMovement.objects.get()
    assert (movement.variant.sku, movement.change, movement.stock_after) == ("AP-L", -2, 5)

    # Later edits do not rewrite the order.
    ProductVariant.objects.filter(sku="AP-L").update(size="XL", price_override=Decimal("99.00"))
    line.refresh_from_db()
    assert (line.options, line.unit_price) == ("Size: L, Colour: Red", Decimal("26.00"))
    html = client.get(f"/checkout/orders/{order.reference}/").content.decode()
    assert "Size: L, Colour: Red" in html


@pytest.mark.django_db
def test_cancelling_puts_the_stock_back_on_the_variants_shelf(client, apron):
    add(client, apron, variant("AP-S").pk, quantity="3")
    checkout(client)
    order_set_status(order=Order.objects.get(), status=Order.Status.CANCELLED)
    assert variant("AP-S").stock == 4
    assert ProductPage.objects.get(pk=apron.pk).stock == 11


@pytest.mark.django_db
def test_an_order_for_more_than_the_variant_holds_rolls_back(client, apron):
    add(client, apron, variant("AP-S").pk, quantity="3")
    ProductVariant.objects.filter(sku="AP-S").update(stock=2)
    response = checkout(client)
    assert not Order.objects.exists()
    assert any("someone was quicker" in message for message in messages_of(response))
    assert variant("AP-S").stock == 2 and CartLine.objects.count() == 1


@pytest.mark.django_db
def test_a_line_added_before_the_product_had_variants_cannot_be_ordered(client, knives):
    product = add_product(knives, title="Mug", sku="MG", stock=5)
    add(client, product)
    add_variants(product, {"sku": "MG-1", "colour": "White"})
    response = checkout(client)
    assert not Order.objects.exists()
    assert "Please choose an option of Mug: remove it and add it again." in messages_of(response)


@pytest.mark.django_db
def test_adjusting_a_variant_moves_it_and_the_product_and_is_in_the_ledger(apron):
    assert stock_adjust(product_id=apron.pk, variant_id=variant("AP-M").pk, change=6, note="Delivery") == 6
    assert ProductPage.objects.get(pk=apron.pk).stock == 17
    with pytest.raises(StockError):
        stock_adjust(product_id=apron.pk, variant_id=variant("AP-M").pk, change=-7)
    with pytest.raises(StockError, match="stocked by variant"):
        stock_adjust(product_id=apron.pk, change=3)
    assert (variant("AP-M").stock, ProductPage.objects.get(pk=apron.pk).stock) == (6, 17)
    assert StockMovement.objects.filter(variant__sku="AP-M").count() == 1


# --- revisions: stock is not content --------------------------------------------------------


@pytest.mark.django_db
def test_publishing_an_old_revision_keeps_the_variants_live_stock(client, apron):
    old = apron.save_revision()
    add(client, apron, variant("AP-L").pk, quantity="2")
    checkout(client)
    assert variant("AP-L").stock == 5
    old.publish()
    assert variant("AP-L").stock == 5
    assert ProductPage.objects.get(pk=apron.pk).stock == 9


@pytest.mark.django_db
def test_an_old_revision_bringing_back_a_deleted_variant_brings_it_back_sold_out(apron):
    old = apron.save_revision()
    product = ProductPage.objects.get(pk=apron.pk)
    product.variants = [v for v in product.variants.all() if v.sku != "AP-L"]
    product.save()
    assert not ProductVariant.objects.filter(sku="AP-L").exists()
    old.publish()
    assert variant("AP-L").stock == 0
    assert ProductPage.objects.get(pk=apron.pk).stock == 4


@pytest.mark.django_db
def test_the_editor_shows_live_variant_stock_not_the_revisions(apron):
    revision = apron.save_revision()
    ProductVariant.objects.filter(sku="AP-S").update(stock=1)
    restored = revision.as_object()
    assert {v.sku: v.stock for v in restored.variants.all()}["AP-S"] == 1


# --- the product feed --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_feed_lists_each_variant_grouped_by_the_product(client, apron):
    body = b"".join(client.get("/feeds/products.xml").streaming_content).decode()
    items = re.findall(r"<item>(.*?)</item>", body)
    assert len(items) == 3
    large = next(item for item in items if "<g:id>AP-L</g:id>" in item)
    assert "<g:item_group_id>AP</g:item_group_id>" in large
    assert "<g:size>L</g:size>" in large and "<g:color>Red</g:color>" in large
    assert "<g:price>26.00 EUR</g:price>" in large
    assert f"?variant={variant('AP-L').pk}</link>" in large
    medium = next(item for item in items if "<g:id>AP-M</g:id>" in item)
    assert "<g:availability>out_of_stock</g:availability>" in medium


@pytest.mark.django_db
def test_a_promotion_lowers_the_from_price_on_cards_and_in_the_api(client, knives, apron):
    from catalogue.tests.pricing_builders import published_promotion

    published_promotion(value="50", products=[apron])

    card = client.get(knives.url).content.decode()
    assert re.search(
        r'<span class="price__from">From</span>\s*(<span class="sr-only">Sale price: </span>)?€10\.00', card
    )
    body = client.get(f"/api/v1/products/{apron.pk}/").json()
    assert body["price_from"] == "10.00"
