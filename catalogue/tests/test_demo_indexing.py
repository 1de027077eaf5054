"""Deferred indexing: objects added in bulk end up in the search and reference index as if saved one by one."""

from io import StringIO

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex

from catalogue.demo.indexing import deferred_indexing
from catalogue.demo.page_tree import bulk_add_children
from catalogue.factories import BrandFactory, CategoryPageFactory, ImageFactory, ProductPageFactory
from catalogue.models import ProductGalleryImage, ProductPage, ProductRelatedProduct

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
    category = CategoryPageFactory(parent=home_page, title="Kettles")
    neighbour = ProductPageFactory(parent=category, title="Copper kettle")
    product = ProductPage(title="Zanzibar kettle", slug="zanzibar-kettle", sku="Z-1", price="20.00", stock=4)
    product.brand = BrandFactory()
    with deferred_indexing(StringIO()) as note_saved:
        bulk_add_children(category, [product], published_at=[timezone.now()])
        ProductGalleryImage.objects.create(page_id=product.pk, image=ImageFactory(), sort_order=0)
        ProductRelatedProduct.objects.create(page_id=product.pk, product=neighbour, sort_order=0)
        note_saved(ProductPage, [product.pk])
    return product


def test_a_bulk_added_product_is_found_by_search(bulk_product):
    assert list(ProductPage.objects.live().search("Zanzibar")) == [bulk_product]


def test_bulk_reference_rows_are_the_ones_wagtail_would_write(bulk_product):
    # The fence around ReferenceIndex's two underscore methods: if Wagtail changes what
    # create_or_update_for_object writes, the rows differ and this fails.
    written = reference_rows(bulk_product)

    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(ProductPage.objects.get(pk=bulk_product.pk))

    assert reference_rows(bulk_product) == written
    targets = {row[4] for row in written}
    assert targets == {"brand", "gallery_images.item.image", "related_product_links.item.product"}
