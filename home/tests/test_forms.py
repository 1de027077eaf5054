"""The page form every page type shares: marketers get the SEO fields, and the server reads nothing else.

Each page type is edited through the real admin edit view. The marketer posts the
whole form an editor would post, content changed throughout, plus one SEO change:
only the SEO change may land.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from catalogue.factories import (
    CategoryPageFactory,
    ProductPageFactory,
    ProductRelatedProductFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from catalogue.models import ProductPage
from home.pages.content import SEO_FIELDS, revision_content
from home.pages.forms import PROMOTE_ONLY_EXTRA_FIELDS, PROMOTE_ONLY_FORMSETS
from home.tests.workflow_admin import edit_form_data, edit_url, member_of

NEW_SEO_TITLE = "Hand-finished kitchen goods, made to last"


@pytest.fixture
def editor(db):
    return member_of("Editors", "editor@example.com")


@pytest.fixture
def marketer(db):
    return member_of("Marketers", "marketer@example.com")


def build_home(home_page):
    return home_page


def build_category(home_page):
    return CategoryPageFactory(parent=home_page, title="Kitchen", intro="Boards and knives.")


def build_product(home_page):
    category = CategoryPageFactory(parent=home_page, title="Kitchen")
    other = ProductPageFactory(parent=category, title="Oak board")
    product = ProductPageFactory(
        parent=category,
        title="Walnut board",
        price="25.00",
        gallery_image=True,
        tags=["walnut"],
        body__0__paragraph__value="<p>Oiled by hand.</p>",
    )
    ProductRelatedProductFactory(page=product, product=other)
    return product


def build_story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


def build_story(home_page):
    return StoryPageFactory(parent=StoryIndexPageFactory(parent=home_page), title="Oiling a board")


# What an attacker types into every content field each page type has, on top of the
# editor's full form; body-count=0 would empty a StreamField, DELETE drop a gallery image.
CONTENT_CHANGES = {
    build_home: {"title": "Hacked", "body-count": "0", "show_in_menus": "on"},
    build_category: {"title": "Hacked", "intro": "Hacked intro"},
    build_product: {
        "title": "Hacked",
        "price": "1.00",
        "sku": "HACKED-1",
        "short_description": "Hacked",
        "tags": "hacked",
        "featured": "on",
        "stock": "999",
        "body-count": "0",
        "gallery_images-0-DELETE": "1",
        "related_product_links-0-DELETE": "1",
    },
    build_story_index: {"title": "Hacked", "intro": "Hacked intro"},
    build_story: {"title": "Hacked", "date": "2001-01-01", "intro": "Hacked", "body-count": "0"},
}


def latest_revision(page):
    return Page.objects.get(pk=page.pk).get_latest_revision()


@pytest.mark.django_db
@pytest.mark.parametrize("build", list(CONTENT_CHANGES), ids=lambda build: build.__name__[6:])
def test_marketers_change_only_seo_fields_whatever_they_post(client, editor, marketer, home_page, build):
    page = build(home_page)
    page.save_revision()
    before = latest_revision(page)

    client.force_login(editor)
    everything = edit_form_data(client, page)
    client.force_login(marketer)
    response = client.get(edit_url(page))
    offered = edit_form_data(client, page)
    posted = everything.copy()
    posted.update(offered)
    for name, value in {**CONTENT_CHANGES[build], "seo_title": NEW_SEO_TITLE}.items():
        posted[name] = value
    client.post(edit_url(page), posted)

    after = latest_revision(page)
    assert after.pk != before.pk  # the SEO change was saved...
    assert after.as_object().seo_title == NEW_SEO_TITLE
    assert revision_content(after) == revision_content(before)  # ...and nothing else changed
    assert after.as_object().title == page.title
    # The form the marketer is shown offers nothing else either, but the fields the page
    # type gives marketers (a product's sale: catalogue/tests/test_promotion_admin.py).
    form = response.context["form"]
    marketer_fields = set(getattr(type(page.specific), "MARKETER_FIELDS", ()))
    assert set(form.fields) <= SEO_FIELDS | PROMOTE_ONLY_EXTRA_FIELDS | marketer_fields
    assert set(form.formsets) <= PROMOTE_ONLY_FORMSETS


@pytest.mark.django_db
@pytest.mark.parametrize("build", list(CONTENT_CHANGES), ids=lambda build: build.__name__[6:])
def test_editors_change_content_with_the_same_form(client, editor, home_page, build):
    page = build(home_page)
    page.save_revision()

    client.force_login(editor)
    data = edit_form_data(client, page)
    data.update(CONTENT_CHANGES[build])
    client.post(edit_url(page), data)

    assert latest_revision(page).as_object().title == "Hacked"


@pytest.mark.django_db
def test_product_content_posted_by_a_marketer_is_kept_field_by_field(client, editor, marketer, home_page):
    product = build_product(home_page)
    product.save_revision()

    client.force_login(editor)
    posted = edit_form_data(client, product)
    posted.update(CONTENT_CHANGES[build_product])
    client.force_login(marketer)
    client.post(edit_url(product), posted)

    draft = Page.objects.get(pk=product.pk).specific.get_latest_revision_as_object()
    assert (draft.title, str(draft.price), draft.sku, draft.featured) == (
        "Walnut board",
        "25.00",
        product.sku,
        False,
    )
    assert [tag.name for tag in draft.tags.all()] == ["walnut"]
    assert len(draft.gallery_images.all()) == 1 and len(draft.related_product_links.all()) == 1
    assert len(draft.body) == len(product.body) > 0
    assert ProductPage.objects.get(pk=product.pk).stock == 10


@pytest.mark.django_db
def test_the_product_editor_hides_gallery_and_related_products_from_marketers(
    client, editor, marketer, home_page
):
    product = build_product(home_page)

    client.force_login(marketer)
    marketer_html = client.get(edit_url(product)).content.decode()
    client.force_login(editor)
    editor_html = client.get(edit_url(product)).content.decode()

    assert "gallery_images-TOTAL_FORMS" in editor_html and "related_product_links-TOTAL_FORMS" in editor_html
    assert "gallery_images-TOTAL_FORMS" not in marketer_html
    assert "related_product_links-TOTAL_FORMS" not in marketer_html
    assert 'name="search_description"' in marketer_html


@pytest.mark.django_db
def test_marketers_cannot_create_pages(client, marketer, home_page):
    url = reverse("wagtailadmin_pages:add", args=["catalogue", "categorypage", home_page.pk])
    client.force_login(marketer)

    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"title": "Sneaky", "slug": "sneaky", "action-publish": "publish"})
    assert response.status_code in (302, 403)
    assert not Page.objects.filter(slug="sneaky").exists()
