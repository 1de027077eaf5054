"""Shoppable content: stories and the home page embed live product cards."""

import datetime
from decimal import Decimal

import pytest
from wagtail.blocks import StreamValue

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.models import ProductPage, StoryPage
from catalogue.tests.conftest import add_product


def product_stream(block, product):
    return StreamValue(block, [("product", {"product": product, "note": "Our pick"})])


@pytest.fixture
def story_with_product(home_page, knives):
    product = add_product(knives, title="Chef knife", price=Decimal("49.90"), stock=8)
    index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=index, title="Sharpening 101", date=datetime.date(2026, 1, 5))
    story.body = product_stream(StoryPage.body.field.stream_block, product)
    story.save_revision().publish()
    return story, product


@pytest.mark.django_db
def test_story_renders_the_products_live_price_and_stock(client, story_with_product):
    story, product = story_with_product
    html = client.get(story.url).content.decode()
    assert "Chef knife" in html and "€49.90" in html and "Our pick" in html

    ProductPage.objects.filter(pk=product.pk).update(price=Decimal("39.00"), stock=0)
    product.refresh_from_db()
    html = client.get(story.url).content.decode()
    assert "€39.00" in html and "Sold out" in html


@pytest.mark.django_db
def test_unpublished_product_disappears_from_story(client, story_with_product):
    story, product = story_with_product
    product.unpublish()
    html = client.get(story.url).content.decode()
    assert "Chef knife" not in html
    assert client.get(story.url).status_code == 200


@pytest.mark.django_db
def test_story_index_lists_live_stories(client, story_with_product):
    story, _ = story_with_product
    html = client.get(story.get_parent().url).content.decode()
    assert "Sharpening 101" in html


@pytest.mark.django_db
def test_home_page_uses_the_same_product_block(client, home_page, knives):
    product = add_product(knives, title="Bread knife", price=Decimal("19.00"))
    home_page.body = product_stream(home_page.body.stream_block, product)
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Bread knife" in html and "€19.00" in html
