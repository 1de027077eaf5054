"""/search/suggest/: autocomplete JSON for the header's search box."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from catalogue.tests.fixtures import add_product

URL = reverse("search_suggest")


@pytest.mark.django_db
def test_suggestions_give_title_url_price_and_thumbnail(client, shelf):
    data = client.get(URL, {"q": "sant"}).json()

    assert data["query"] == "sant"
    [product] = data["products"]
    assert product["title"] == "Santoku knife"
    assert product["url"] == "/kitchen/knives/santoku-knife/"
    assert product["price"] == "80.00"
    assert product["price_display"] == "€80.00"
    assert product["currency"] == "EUR"
    assert product["in_stock"] is True
    assert product["thumbnail"].endswith(".webp")
    assert "fill-96x96" in product["thumbnail"]


@pytest.mark.django_db
def test_every_typed_word_counts_the_last_one_as_a_prefix(client, shelf):
    assert [p["title"] for p in client.get(URL, {"q": "bread kn"}).json()["products"]] == ["Bread knife"]
    assert client.get(URL, {"q": "bread sp"}).json()["products"] == []


@pytest.mark.django_db
def test_a_product_without_a_picture_has_no_thumbnail(client, knives):
    add_product(knives, title="Cleaver", image=False)

    [product] = client.get(URL, {"q": "clea"}).json()["products"]

    assert product["thumbnail"] is None


@pytest.mark.django_db
def test_one_letter_gets_no_suggestions(client, shelf):
    assert client.get(URL, {"q": "s"}).json() == {"query": "s", "products": []}
    assert client.get(URL).json() == {"query": "", "products": []}


@pytest.mark.django_db
def test_drafts_and_private_products_are_not_suggested(client, knives):
    add_product(knives, title="Santoku draft", live=False)
    hidden = add_product(knives, title="Santoku members")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(URL, {"q": "santoku"}).json()["products"] == []


@pytest.mark.django_db
def test_suggestions_stay_within_a_fixed_number_of_queries(client, knives, django_assert_max_num_queries):
    for number in range(12):
        add_product(knives, title=f"Santoku {number}")
    client.get(URL, {"q": "santoku"})  # renders the thumbnails once, as an earlier visitor would

    with django_assert_max_num_queries(8):
        data = client.get(URL, {"q": "santoku"}).json()

    assert len(data["products"]) == 6
    assert all(product["thumbnail"] for product in data["products"])


@pytest.mark.django_db
def test_only_get_is_allowed(client):
    assert client.post(URL, {"q": "knife"}).status_code == 405
