from decimal import Decimal

import pytest

from catalogue.factories import BrandFactory, ReviewFactory
from catalogue.tests.conftest import add_product


@pytest.fixture
def listing(kitchen, knives):
    acme = BrandFactory(name="Acme", slug="acme")
    products = {
        "cheap": add_product(knives, title="Paring knife", price=Decimal("9.50"), stock=10, brand=acme),
        "mid": add_product(kitchen, title="Chopping board", price=Decimal("25.00"), stock=0),
        "dear": add_product(knives, title="Chef knife", price=Decimal("120.00"), stock=3, featured=True),
    }
    products["cheap"].tags.add("steel")
    products["cheap"].save()
    return products


def titles(response):
    return [product.title for product in response.context["products"]]


@pytest.mark.django_db
def test_category_lists_live_products_of_its_whole_subtree(client, kitchen, listing):
    draft = add_product(kitchen, title="Unreleased pan", live=False)
    response = client.get(kitchen.url)
    assert response.status_code == 200
    assert set(titles(response)) == {"Paring knife", "Chopping board", "Chef knife"}
    assert draft.title not in response.content.decode()
    assert [c.title for c in response.context["subcategories"]] == ["Knives"]


@pytest.mark.django_db
def test_default_sort_puts_featured_first(client, kitchen, listing):
    assert titles(client.get(kitchen.url))[0] == "Chef knife"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price_asc", ["Paring knife", "Chopping board", "Chef knife"]),
        ("price_desc", ["Chef knife", "Chopping board", "Paring knife"]),
        ("name", ["Chef knife", "Chopping board", "Paring knife"]),
    ],
)
def test_sorting(client, kitchen, listing, sort, expected):
    assert titles(client.get(kitchen.url, {"sort": sort})) == expected


@pytest.mark.django_db
def test_filters_price_stock_tag_and_brand(client, kitchen, listing):
    assert set(titles(client.get(kitchen.url, {"min_price": "10", "max_price": "200"}))) == {
        "Chopping board",
        "Chef knife",
    }
    assert "Chopping board" not in titles(client.get(kitchen.url, {"in_stock": "1"}))
    assert titles(client.get(kitchen.url, {"tag": "steel"})) == ["Paring knife"]
    assert titles(client.get(kitchen.url, {"brand": "acme"})) == ["Paring knife"]


@pytest.mark.django_db
def test_swapped_price_bounds_are_understood(client, kitchen, listing):
    assert set(titles(client.get(kitchen.url, {"min_price": "200", "max_price": "10"}))) == {
        "Chopping board",
        "Chef knife",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"sort": "DROP TABLE"},
        {"sort": ""},
        {"min_price": "abc"},
        {"min_price": "-5"},
        {"max_price": "1e400"},
        {"max_price": "NaN"},
        {"min_price": "9" * 500},
        {"in_stock": "<script>"},
        {"tag": "../../etc/passwd"},
        {"brand": "' OR 1=1 --"},
        {"page": "abc"},
        {"page": "1.5"},
        {"sort": "price_asc", "min_price": "\x00"},
    ],
)
def test_invalid_parameters_fall_back_to_defaults(client, kitchen, listing, params):
    response = client.get(kitchen.url, params)
    assert response.status_code == 200
    assert response.context["products"].number == 1
    assert response.content.count(b'class="card product-card"') >= 1


@pytest.mark.django_db
def test_bad_filter_does_not_discard_good_ones(client, kitchen, listing):
    response = client.get(kitchen.url, {"min_price": "abc", "sort": "price_desc"})
    assert titles(response)[0] == "Chef knife"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "2", "99999999999999999999"])
def test_page_out_of_range_is_404(client, kitchen, listing, page):
    assert client.get(kitchen.url, {"page": page}).status_code == 404


@pytest.mark.django_db
def test_listing_paginates_24_per_page(client, knives):
    for n in range(30):
        add_product(knives, image=False, title=f"Knife {n:02d}")
    first = client.get(knives.url)
    second = client.get(knives.url, {"page": "2"})
    assert len(first.context["products"]) == 24
    assert len(second.context["products"]) == 6
    assert 'rel="next"' in first.content.decode()


@pytest.mark.django_db
def test_card_shows_image_price_stock_and_rating(client, knives, listing, shopper):
    ReviewFactory(product=listing["cheap"], user=shopper, rating=4, status="approved")
    html = client.get(knives.url).content.decode()
    assert "€9.50" in html
    assert "Sold out" not in html  # the sold-out board lives in Kitchen, not Knives
    assert "Only 3 left" in html
    assert '<span class="stars stars--40" role="img" aria-label="Rated 4 out of 5"></span>' in html
    assert "<picture>" in html and "image/webp" in html


@pytest.mark.django_db
def test_refined_listing_is_not_indexed(client, kitchen, listing):
    assert b"noindex,follow" not in client.get(kitchen.url).content
    assert b"noindex,follow" in client.get(kitchen.url, {"sort": "price_asc"}).content


@pytest.mark.django_db
def test_markup_in_titles_is_escaped(client, knives):
    add_product(knives, title='<img src=x onerror="alert(1)">')
    html = client.get(knives.url).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x" in html
