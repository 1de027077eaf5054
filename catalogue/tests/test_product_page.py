import json
import re
from decimal import Decimal

import pytest

from catalogue.factories import BrandFactory, ReviewFactory
from catalogue.models import CategoryPage, ProductPage, ProductRelatedProduct
from catalogue.tests.conftest import add_product
from users.factories import UserFactory


def structured_data(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_product_page_shows_breadcrumbs_gallery_and_price(client, kitchen, knives):
    product = add_product(knives, title="Chef knife", price=Decimal("49.90"), stock=12)
    html = client.get(product.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert f'href="{kitchen.url}"' in html and f'href="{knives.url}"' in html
    assert "€49.90" in html and "In stock" in html
    assert 'type="image/webp"' in html and "srcset=" in html and ".jpg" in html


@pytest.mark.django_db
def test_product_json_ld_has_offer_brand_and_rating(client, knives, shopper):
    brand = BrandFactory(name="Acme")
    product = add_product(
        knives, title="Chef knife", price=Decimal("49.90"), stock=0, brand=brand, sku="CK-1"
    )
    ReviewFactory(product=product, user=shopper, rating=4, status="approved")
    ReviewFactory(product=product, user=UserFactory(), rating=2, status="approved")
    ReviewFactory(product=product, user=UserFactory(), rating=5, status="pending")

    product_data, breadcrumb = structured_data(client.get(product.url))
    assert product_data["@type"] == "Product"
    assert product_data["sku"] == "CK-1"
    assert product_data["brand"]["name"] == "Acme"
    assert product_data["image"][0].startswith("http://")
    offer = product_data["offers"]
    assert offer == {
        "@type": "Offer",
        "price": "49.90",
        "priceCurrency": "EUR",
        "availability": "https://schema.org/OutOfStock",
        "url": product_data["url"],
    }
    assert product_data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "3.0",
        "reviewCount": 2,
    }
    assert breadcrumb["@type"] == "BreadcrumbList"
    assert [item["name"] for item in breadcrumb["itemListElement"]][-2:] == ["Knives", "Chef knife"]


@pytest.mark.django_db
def test_json_ld_omits_rating_without_reviews_and_cannot_break_out_of_script(client, knives):
    product = add_product(knives, title="</script><script>alert(1)</script>")
    response = client.get(product.url)
    product_data, _ = structured_data(response)
    assert "aggregateRating" not in product_data
    assert product_data["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.django_db
def test_related_products_prefer_editor_picks_then_same_category(client, kitchen, knives):
    product = add_product(knives, title="Chef knife")
    add_product(knives, title="Bread knife")
    picked = add_product(kitchen, title="Whetstone")
    ProductRelatedProduct.objects.create(page=product, product=picked, sort_order=0)
    related = product.related_products()
    assert [p.title for p in related] == ["Whetstone", "Bread knife"]
    html = client.get(product.url).content.decode()
    assert "You may also like" in html and "Whetstone" in html


@pytest.mark.django_db
def test_only_approved_reviews_are_shown_and_averaged(client, knives, shopper):
    product = add_product(knives)
    ReviewFactory(product=product, user=shopper, rating=5, status="approved", body="Superb edge")
    ReviewFactory(product=product, user=UserFactory(), rating=1, status="pending", body="Pending spam")
    ReviewFactory(product=product, user=UserFactory(), rating=1, status="rejected", body="Rejected rant")
    html = client.get(product.url).content.decode()
    assert "Superb edge" in html
    assert "Pending spam" not in html and "Rejected rant" not in html
    assert 'aria-label="Rated 5 out of 5"' in html and "(1 review)" in html
    assert ProductPage.objects.with_rating().get(pk=product.pk).rating_average == 5


@pytest.mark.django_db
def test_product_pages_only_live_under_categories():
    from home.models import HomePage

    assert ProductPage.parent_page_types == ["catalogue.CategoryPage"]
    assert ProductPage.allowed_parent_page_models() == [CategoryPage]
    assert not ProductPage.allowed_subpage_models()
    assert ProductPage not in HomePage.allowed_subpage_models()


@pytest.mark.django_db
def test_unpublished_product_is_404_for_shoppers(client, knives):
    product = add_product(knives)
    url = product.url
    product.unpublish()
    assert client.get(url).status_code == 404


def test_the_front_page_takes_categories_and_the_story_index_as_the_shop_declares():
    from wagtail.models import Page

    from catalogue.models import StoryIndexPage
    from home.models import HomePage

    # HomePage names no shop page type; the shop's parent_page_types decide. (Wagtail's bare
    # Page is allowed anywhere but never creatable: the only one is the tree's root.)
    assert set(HomePage.creatable_subpage_models()) == {CategoryPage, StoryIndexPage}
    assert set(HomePage.allowed_subpage_models()) - {Page} == {CategoryPage, StoryIndexPage}
