"""What counts as a page's content when an approval is checked against a later revision."""

import pytest

from catalogue.factories import CategoryPageFactory, ProductPageFactory
from catalogue.services.stock import stock_adjust
from home.pages.content import changed_content_fields, revision_content


@pytest.fixture
def product(home_page):
    category = CategoryPageFactory(parent=home_page, title="Kitchen")
    return ProductPageFactory(parent=category, title="Walnut board", price="25.00", gallery_image=True)


def new_revision(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision()


@pytest.mark.django_db
def test_seo_fields_bookkeeping_and_live_stock_are_not_content(product):
    before = product.save_revision()
    stock_adjust(product_id=product.pk, change=5, note="Delivery")
    product.refresh_from_db()
    after = new_revision(
        product,
        seo_title="Walnut board | Kitchen",
        search_description="A new description",
        slug="walnut-board-oiled",
        noindex=True,
        canonical_url="https://example.com/walnut",
    )

    assert after.content["stock"] != before.content["stock"]  # a revision snapshots stock...
    assert changed_content_fields(before, after) == []  # ...but stock and SEO are not content
    assert "stock" not in revision_content(after) and "seo_title" not in revision_content(after)
    assert {"title", "price", "body", "gallery_images", "go_live_at", "show_in_menus"} <= set(
        revision_content(after)
    )


@pytest.mark.django_db
def test_price_title_and_schedule_changes_are_content(product):
    before = product.save_revision()
    after = new_revision(product, price="19.00", title="Walnut board, large", show_in_menus=True)

    assert changed_content_fields(before, after) == ["price", "show_in_menus", "title"]


@pytest.mark.django_db
def test_gallery_changes_are_content_but_row_ids_are_not(product):
    before = product.save_revision()
    image = product.gallery_images.get()
    image.caption = "Oiled"
    image.save()
    product = type(product).objects.get(pk=product.pk)
    after = product.save_revision()

    assert changed_content_fields(before, after) == ["gallery_images"]
    row = revision_content(after)["gallery_images"][0]
    assert row == {"image": image.image_id, "caption": "Oiled"}
