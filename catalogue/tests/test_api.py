import pytest

from catalogue.factories import BrandFactory
from catalogue.tests.conftest import add_product

PRODUCT_FIELDS = "sku,price,currency,stock_state,in_stock,brand,category,images"


@pytest.mark.django_db
def test_api_lists_products_with_price_stock_images_and_category(client, knives):
    product = add_product(knives, title="Chef knife", price="49.90", stock=0, brand=BrandFactory(name="Acme"))
    response = client.get("/api/v2/pages/", {"type": "catalogue.ProductPage", "fields": PRODUCT_FIELDS})
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["id"] == product.pk
    assert (item["price"], item["currency"], item["stock_state"], item["in_stock"]) == (
        "49.90",
        "EUR",
        "out_of_stock",
        False,
    )
    assert item["category"]["title"] == "Knives"
    assert item["brand"]["name"] == "Acme"
    assert item["images"][0]["url"].startswith("http://testserver/")


@pytest.mark.django_db
def test_api_child_of_descendant_of_and_search(client, kitchen, knives):
    direct = add_product(kitchen, image=False, title="Chopping board")
    nested = add_product(knives, image=False, title="Bread knife")
    child_of = client.get("/api/v2/pages/", {"child_of": kitchen.pk}).json()["items"]
    assert {item["id"] for item in child_of} == {direct.pk, knives.pk}
    descendants = client.get("/api/v2/pages/", {"descendant_of": kitchen.pk, "type": "catalogue.ProductPage"})
    assert {item["id"] for item in descendants.json()["items"]} == {direct.pk, nested.pk}
    found = client.get("/api/v2/pages/", {"search": "bread", "type": "catalogue.ProductPage"}).json()["items"]
    assert [item["id"] for item in found] == [nested.pk]


@pytest.mark.django_db
def test_api_categories_and_no_drafts(client, kitchen):
    draft = add_product(kitchen, image=False, live=False)
    items = client.get("/api/v2/pages/", {"type": "catalogue.CategoryPage", "fields": "intro"}).json()[
        "items"
    ]
    assert [item["title"] for item in items] == ["Kitchen"]
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_api_is_read_only(client, kitchen):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
