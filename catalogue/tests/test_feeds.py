"""The product feed: Merchant Center's attributes on every item, what is left out, escaping, cost."""

import gzip
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from catalogue import feeds
from catalogue.factories import BrandFactory, CategoryPageFactory
from catalogue.identifiers import validate_gtin
from catalogue.tests.fixtures import add_product, clear_caches, make_image

FEED_URL = "/feeds/products.xml"
G = "{http://base.google.com/ns/1.0}"
# Merchant Center's product data specification: required attributes, and the values it accepts.
AVAILABILITY_VALUES = {"in_stock", "out_of_stock", "preorder", "backorder"}
CONDITION_VALUES = {"new", "refurbished", "used"}
PRICE_FORMAT = re.compile(r"^\d+\.\d{2} [A-Z]{3}$")


def fetch(client, **headers) -> bytes:
    response = client.get(FEED_URL, **headers)
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content)


def items_by_id(content: bytes) -> dict[str, ET.Element]:
    root = ET.fromstring(content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return {item.findtext(f"{G}id"): item for item in root.iter("item")}


def assert_absolute_url(value: str) -> None:
    parts = urlsplit(value)
    assert parts.scheme in ("http", "https") and parts.netloc, value


def assert_meets_specification(item: ET.Element) -> None:
    """Every attribute Merchant Center requires for a new product, in the form it requires."""
    assert 0 < len(item.findtext(f"{G}id")) <= 50
    assert 0 < len(item.findtext("title")) <= 150
    assert 0 < len(item.findtext("description")) <= 5000
    assert_absolute_url(item.findtext("link"))
    assert_absolute_url(item.findtext(f"{G}image_link"))
    assert PRICE_FORMAT.match(item.findtext(f"{G}price"))
    assert item.findtext(f"{G}availability") in AVAILABILITY_VALUES
    assert item.findtext(f"{G}condition") in CONDITION_VALUES
    gtin, mpn = item.findtext(f"{G}gtin"), item.findtext(f"{G}mpn")
    if gtin:
        validate_gtin(gtin)
    # Without a GTIN, either a brand and an MPN, or the explicit "no identifiers".
    if not gtin and not (mpn and item.findtext(f"{G}brand")):
        assert item.findtext(f"{G}identifier_exists") == "no"


@pytest.mark.django_db
def test_every_item_carries_the_required_attributes(client, kitchen, knives):
    brand = BrandFactory(name="Nordhaus")
    plain = add_product(
        knives, title="Chef's knife", sku="KN-1", price=Decimal("23.95"), stock=4, brand=brand
    )
    barcoded = add_product(knives, title="Paring knife", sku="KN-2", stock=0, gtin="4006381333931")
    part = add_product(kitchen, title="Whetstone", sku="KN-3", brand=brand, mpn="WS-1000")

    items = items_by_id(fetch(client))

    assert set(items) == {"KN-1", "KN-2", "KN-3"}
    for item in items.values():
        assert_meets_specification(item)
    first = items["KN-1"]
    assert first.findtext("title") == "Chef's knife"
    assert first.findtext("link") == plain.get_full_url()
    assert first.findtext(f"{G}price") == "23.95 EUR"
    assert first.findtext(f"{G}availability") == "in_stock"
    assert first.findtext(f"{G}brand") == "Nordhaus"
    assert first.findtext(f"{G}identifier_exists") == "no"
    assert first.findtext(f"{G}product_type") == "Kitchen > Knives"
    assert first.findtext(f"{G}image_link").endswith(plain.gallery_images.get().image.file.url)
    assert items["KN-2"].findtext(f"{G}availability") == "out_of_stock"
    assert items["KN-2"].findtext(f"{G}gtin") == barcoded.gtin
    assert items["KN-2"].find(f"{G}identifier_exists") is None
    assert items["KN-3"].findtext(f"{G}mpn") == part.mpn
    assert items["KN-3"].findtext(f"{G}product_type") == "Kitchen"


@pytest.mark.django_db
def test_hostile_text_is_escaped_and_the_feed_stays_well_formed(client, knives):
    # Control characters XML 1.0 cannot carry (NUL never reaches the database: forms refuse it).
    hostile = 'Knife</title><g:price>0.01 EUR</g:price> & "friends" <script>\x0b'
    add_product(knives, title=hostile, sku="KN&<X>", short_description="A <b>bold</b> & ]]> claim\x1b")

    item = items_by_id(fetch(client))["KN&<X>"]

    assert item.findtext("title") == hostile.replace("\x0b", "")
    assert item.findtext("description") == "A <b>bold</b> & ]]> claim"
    assert len(item.findall(f"{G}price")) == 1


@pytest.mark.django_db
def test_left_out_unpublished_private_and_pictureless_products_are_absent(client, kitchen, knives):
    add_product(knives, sku="SHOWN")
    add_product(knives, sku="LEFT-OUT", exclude_from_feed=True)
    draft = add_product(knives, sku="DRAFT")
    draft.unpublish()
    add_product(knives, sku="NO-PICTURE", image=False)
    private_shelf = CategoryPageFactory(parent=kitchen, title="Staff only")
    add_product(private_shelf, sku="PRIVATE")
    PageViewRestriction.objects.create(page=private_shelf, restriction_type="login")

    assert set(items_by_id(fetch(client))) == {"SHOWN"}


@pytest.mark.django_db
def test_a_published_change_reaches_the_cached_feed(client, knives):
    product = add_product(knives, sku="KN-1", price=Decimal("10.00"))
    assert items_by_id(fetch(client))["KN-1"].findtext(f"{G}price") == "10.00 EUR"

    product.price = Decimal("12.50")
    product.save_revision().publish()

    assert items_by_id(fetch(client))["KN-1"].findtext(f"{G}price") == "12.50 EUR"


@pytest.mark.django_db
def test_a_cached_feed_makes_no_query_and_an_evicted_chunk_is_rebuilt(
    client, rf, knives, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(feeds, "FEED_CHUNK_SIZE", 2)
    for n in range(5):
        add_product(knives, sku=f"KN-{n}")
    first = fetch(client)

    with django_assert_num_queries(0):
        assert fetch(client) == first

    middle_chunk = feeds.ProductFeed(rf.get(FEED_URL)).chunk_key(1)
    assert b"<g:id>KN-2</g:id>" in cache.get(middle_chunk)
    cache.delete(middle_chunk)
    assert fetch(client) == first
    assert cache.get(middle_chunk) is not None


def count_feed_queries(client, django_assert_max_num_queries, budget):
    clear_caches()
    with django_assert_max_num_queries(budget) as queries:
        fetch(client)
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_query_count_is_flat_in_the_number_of_products(client, knives, django_assert_max_num_queries):
    picture = make_image("shared")
    for n in range(3):
        add_product(knives, sku=f"A-{n}", image=picture)
    few = count_feed_queries(client, django_assert_max_num_queries, 9)
    for n in range(40):
        add_product(knives, sku=f"B-{n}", image=picture)
    many = count_feed_queries(client, django_assert_max_num_queries, 9)
    assert few == many, (few, many)


@pytest.mark.django_db
def test_each_chunk_costs_a_fixed_number_of_queries(
    client, knives, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(feeds, "FEED_CHUNK_SIZE", 5)
    picture = make_image("shared")
    for n in range(20):
        add_product(knives, sku=f"A-{n}", image=picture)
    # 4 chunks of products, gallery images and variants, one empty look past the last, plus
    # the categories, the site and the live promotions: no query per product.
    count_feed_queries(client, django_assert_max_num_queries, 4 * 3 + 1 + 4)


@pytest.mark.django_db
def test_the_feed_goes_out_compressed_and_head_sends_no_body(client, knives):
    add_product(knives, sku="KN-1")
    response = client.get(FEED_URL, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"<g:id>KN-1</g:id>" in gzip.decompress(b"".join(response.streaming_content))

    head = client.head(FEED_URL)
    assert head.status_code == 200
    assert head["Content-Type"].startswith("application/rss+xml")
    assert head.content == b""


def test_gtins_are_checked_by_length_and_check_digit():
    for valid in ("4006381333931", "96385074", "036000291452", "10012345678902"):
        validate_gtin(valid)
    for invalid in ("4006381333932", "12345", "40063813339ab", ""):
        with pytest.raises(ValidationError):
            validate_gtin(invalid)


@pytest.mark.django_db
def test_a_sku_longer_than_merchant_centers_id_limit_falls_back_to_the_page_id(client, knives):
    product = add_product(knives, sku="S" * 60)

    items = items_by_id(fetch(client))

    assert set(items) == {f"product-{product.pk}"}
    assert_meets_specification(items[f"product-{product.pk}"])
