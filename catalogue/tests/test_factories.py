"""The catalogue factories build pages in the tree and data that satisfies the models' rules."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from wagtail.models import Collection

from catalogue.factories import (
    BrandFactory,
    CategoryPageFactory,
    ProductPageFactory,
    ReviewFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    site_root_page,
)
from catalogue.models import CategoryPage, ProductPage, Review
from home.models import HomePage
from users.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def knives():
    kitchen = CategoryPageFactory(parent=site_root_page(), title="Kitchen", show_in_menus=True)
    return CategoryPageFactory(parent=kitchen, title="Knives")


def test_site_root_page_is_the_migrated_home_page():
    assert isinstance(site_root_page(), HomePage)


def test_product_under_a_nested_category_is_live_in_the_tree(knives):
    product = ProductPageFactory(parent=knives, title="Chef knife")

    product.refresh_from_db()
    assert product.live and product.first_published_at is not None
    assert product.get_parent().specific == knives
    assert product.url_path == "/home/kitchen/knives/chef-knife/"
    assert list(ProductPage.objects.live().descendant_of(knives.get_parent())) == [product]
    assert CategoryPage.objects.get(pk=knives.get_parent().pk).numchild == 1


def test_products_get_unique_skus(knives):
    products = ProductPageFactory.create_batch(3, parent=knives)

    assert len({product.sku for product in products}) == 3
    with pytest.raises(ValidationError):
        ProductPageFactory(parent=knives, sku=products[0].sku)


def test_gallery_image_and_tags_are_optional_extras(knives):
    plain = ProductPageFactory(parent=knives)
    pictured = ProductPageFactory(parent=knives, gallery_image=True, tags=["steel", "gift"])

    assert plain.main_image is None and not plain.tags.exists()
    pictured = ProductPage.objects.get(pk=pictured.pk)
    assert pictured.main_image is not None
    assert pictured.main_image.collection == Collection.get_first_root_node()
    assert sorted(pictured.tags.names()) == ["gift", "steel"]


def test_product_body_can_be_built_block_by_block(knives):
    product = ProductPageFactory(
        parent=knives,
        body__0__paragraph__value="<p>Forged in Seki.</p>",
        body__1__specifications__rows__0__name="Blade",
        body__1__specifications__rows__0__value="20 cm",
    )

    body = ProductPage.objects.get(pk=product.pk).body
    assert [block.block_type for block in body] == ["paragraph", "specifications"]
    assert body[0].value.source == "<p>Forged in Seki.</p>"
    assert body[1].value["rows"][0]["value"] == "20 cm"


def test_brand_with_logo(knives):
    brand = BrandFactory(name="Tanaka Works", with_logo=True)
    product = ProductPageFactory(parent=knives, brand=brand)

    assert brand.slug == "tanaka-works" and brand.logo is not None
    assert ProductPage.objects.get(pk=product.pk).brand == brand
    assert BrandFactory(name="Tanaka Works") == brand  # looked up by slug, not duplicated


def test_review_is_approved_by_default_and_one_per_shopper(knives):
    product = ProductPageFactory(parent=knives)
    shopper = UserFactory()
    review = ReviewFactory(product=product, user=shopper)

    assert review.status == Review.Status.APPROVED and 1 <= review.rating <= 5
    assert "@" in review.user.email
    assert ReviewFactory(product=product).user != shopper  # each review brings its own shopper
    with pytest.raises(IntegrityError):
        ReviewFactory(product=product, user=shopper)


def test_story_embeds_a_product(client, knives):
    product = ProductPageFactory(parent=knives, title="Bread knife")
    stories = StoryIndexPageFactory(parent=site_root_page())
    story = StoryPageFactory(
        parent=stories, body__0__product__product=product, body__0__product__note="Our pick"
    )

    story = story.__class__.objects.get(pk=story.pk)
    assert story.live and story.get_parent().specific == stories
    assert story.body[0].block_type == "product"
    assert story.body[0].value["product"] == product
    html = client.get(story.url).content.decode()
    assert "Bread knife" in html and "Our pick" in html
