"""Deferred indexing: objects added in bulk end up in the search and reference index as if saved one by one."""

from io import StringIO

import pytest
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import ReferenceIndex

from catalogue.demo.indexing import deferred_indexing
from catalogue.demo.page_tree import bulk_add_children
from catalogue.factories import BrandFactory, CategoryPageFactory, ImageFactory, ProductPageFactory
from catalogue.models import (
    ProductGalleryImage,
    ProductPage,
    ProductRelatedProduct,
    ProductTag,
    ProductVariant,
)
from search.indexing import update_search_index

pytestmark = pytest.mark.django_db


def reference_rows(page):
    return sorted(
        ReferenceIndex.objects.filter(object_id=str(page.pk)).values_list(
            "content_type_id",
            "base_content_type_id",
            "to_content_type_id",
            "to_object_id",
            "model_path",
            "content_path",
            "content_path_hash",
        )
    )


@pytest.fixture
def bulk_product(home_page):
    """A product written as the demo loader writes one: rows in bulk, child rows held in memory."""
    category = CategoryPageFactory(parent=home_page, title="Kettles")
    neighbour = ProductPageFactory(parent=category, title="Copper kettle")
    product = ProductPage(title="Zanzibar kettle", slug="zanzibar-kettle", sku="Z-1", price="20.00", stock=4)
    product.brand = BrandFactory()
    product.variants = [ProductVariant(sku="Z-1-1", size="Large", stock=4, sort_order=0)]
    with deferred_indexing(StringIO()) as index_added:
        bulk_add_children(category, [product], published_at=[timezone.now()])
        variants = list(product.variants.all())
        ProductVariant.objects.bulk_create(variants)
        product.variants = variants
        product.gallery_images = [
            ProductGalleryImage.objects.create(page_id=product.pk, image=ImageFactory(), sort_order=0)
        ]
        product.related_product_links = [
            ProductRelatedProduct.objects.create(page_id=product.pk, product=neighbour, sort_order=0)
        ]
        tag = Tag.objects.create(name="Induction ready", slug="induction-ready")
        product.tagged_items = [ProductTag.objects.create(content_object=product, tag=tag)]
        product.indexed_category_title = category.title
        index_added(ProductPage, [product])
    return product


def search_entry(page):
    from modelsearch.backends.database.postgres.postgres import IndexEntry  # exists on PostgreSQL only

    return (
        IndexEntry.objects.filter(object_id=str(page.pk))
        .values("content_type_id", "title", "autocomplete", "body", "title_text", "body_text")
        .get()
    )


def test_a_bulk_added_product_is_found_by_search(bulk_product):
    assert list(ProductPage.objects.live().search("Zanzibar")) == [bulk_product]
    # By what it holds in memory too: its tag, its variant's SKU, its brand and its category.
    for words in ("induction", "Z-1-1", bulk_product.brand.name, "Kettles"):
        assert bulk_product in list(ProductPage.objects.live().search(words)), words


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL index table")
def test_the_search_entry_from_memory_is_the_one_the_database_gives(bulk_product):
    written = search_entry(bulk_product)

    update_search_index(ProductPage, [bulk_product.pk])

    assert search_entry(bulk_product) == written
    assert "induction" in written["body_text"].lower()


def test_bulk_reference_rows_are_the_ones_wagtail_would_write(bulk_product):
    # The fence around ReferenceIndex's two underscore methods: if Wagtail changes what
    # create_or_update_for_object writes, the rows differ and this fails.
    written = reference_rows(bulk_product)

    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(ProductPage.objects.get(pk=bulk_product.pk))

    assert reference_rows(bulk_product) == written
    targets = {row[4] for row in written}
    assert {"brand", "gallery_images.item.image", "related_product_links.item.product"} <= targets
