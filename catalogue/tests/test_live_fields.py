"""Stock and view counts are live data: revisions neither carry nor restore them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from catalogue.models import ProductPage
from catalogue.tests.conftest import add_product


@pytest.mark.django_db
def test_publishing_an_old_revision_keeps_current_stock(knives):
    product = add_product(knives, stock=10)
    old_revision = product.save_revision()
    old_revision.publish()

    # Sales happen outside revisions.
    ProductPage.objects.filter(pk=product.pk).update(stock=3, view_count=42)

    product.refresh_from_db()
    product.title = "Renamed"
    product.save_revision().publish()
    old_revision.publish()

    product.refresh_from_db()
    assert product.stock == 3
    assert product.view_count == 42
    assert product.title != "Renamed"  # the old revision's content did come back


@pytest.mark.django_db
def test_saving_a_stale_instance_does_not_overwrite_stock(knives):
    product = add_product(knives, stock=10)
    stale = ProductPage.objects.get(pk=product.pk)
    ProductPage.objects.filter(pk=product.pk).update(stock=4)
    stale.title = "Edited"
    stale.save()
    product.refresh_from_db()
    assert (product.title, product.stock) == ("Edited", 4)


@pytest.mark.django_db
def test_new_product_keeps_its_opening_stock(knives):
    assert ProductPage.objects.get(pk=add_product(knives, stock=7).pk).stock == 7


@pytest.mark.django_db
def test_admin_edit_form_shows_stock_read_only(admin_client, knives):
    product = add_product(knives, stock=5)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[product.pk]))
    stock_input = BeautifulSoup(response.content, "html.parser").find("input", {"name": "stock"})
    assert stock_input.has_attr("disabled")
    assert "not part of revisions" in response.content.decode()


@pytest.mark.django_db
def test_admin_edit_post_cannot_change_stock(admin_client, knives):
    product = add_product(knives, stock=5)
    form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[product.pk])).context["form"]
    data = {key: value for key, value in form.initial.items() if isinstance(value, str | int)}
    assert form.fields["stock"].disabled
    assert form.fields["stock"].has_changed(5, 999) is False
    assert data["stock"] == 5


@pytest.mark.django_db
def test_publishing_still_saves_gallery_tags_and_related_products(knives):
    from catalogue.models import ProductGalleryImage, ProductRelatedProduct
    from catalogue.tests.conftest import make_image

    product = add_product(knives, image=False)
    other = add_product(knives, image=False)
    draft = product.get_latest_revision_as_object() if product.latest_revision else product
    draft.tags.add("gift")
    draft.gallery_images.add(ProductGalleryImage(image=make_image("new")))
    draft.related_product_links.add(ProductRelatedProduct(product=other))
    draft.save_revision().publish()

    product = ProductPage.objects.get(pk=product.pk)
    assert list(product.tags.names()) == ["gift"]
    assert product.gallery_images.count() == 1
    assert [link.product_id for link in product.related_product_links.all()] == [other.pk]
