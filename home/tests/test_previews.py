"""Every page type previews in every preview mode: before its first save, after edits, and nearly empty.

The previews go through Wagtail's own preview views as the admin's preview panel
uses them: the form data is posted to the preview URL, then the preview is fetched.
The modes are read from each page's ``preview_modes``, so a mode added later is
covered without touching this file.
"""

import datetime
import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from catalogue.factories import (
    CategoryPageFactory,
    ProductPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from catalogue.models import CategoryPage, ProductPage, StoryIndexPage, StoryPage
from catalogue.tests.fixtures import make_image
from home.models import HomePage
from users.factories import UserFactory

PREVIEW_TITLE = "Preview title 7731"


@pytest.fixture
def tree(home_page):
    """One live page of each type, and the parent each type is added under."""
    kitchen = CategoryPageFactory(parent=home_page, title="Kitchen", slug="kitchen")
    product = ProductPageFactory(
        parent=kitchen, title="Walnut board", slug="walnut-board", gallery_image=True
    )
    ProductPageFactory(parent=kitchen, title="Olive spoon", slug="olive-spoon")
    stories = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=stories, title="Oiling boards", date=datetime.date(2026, 1, 5))
    return {
        HomePage: (home_page, Page.objects.get(depth=1)),
        CategoryPage: (kitchen, home_page),
        ProductPage: (product, kitchen),
        StoryIndexPage: (stories, home_page),
        StoryPage: (story, stories),
    }


def form_data(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamField editors are built by JavaScript; an empty body posts its block count only.
    for name in [key for key in data if key.endswith("-count")]:
        data[name] = "0"
    data.setdefault("body-count", "0")
    return data


# Fields the database cannot store empty: Wagtail's preview leaves them required (others it defers).
# The add form also requires a product's opening stock (no silent 0).
NOT_NULL_FIELDS = {ProductPage: {"price": "12.50", "stock": "5"}, StoryPage: {"date": "2026-02-01"}}


def new_page_form(client, model, parent):
    """The add form's data with a title and what the database cannot do without: every optional field empty."""
    opts = model._meta
    data = form_data(
        client, reverse("wagtailadmin_pages:add", args=[opts.app_label, opts.model_name, parent.pk])
    )
    data["title"] = PREVIEW_TITLE
    data["slug"] = "preview-title"
    data["search_description"] = ""
    data.update(NOT_NULL_FIELDS.get(model, {}))
    return data


def preview_urls(model, page, parent, new):
    if new:
        opts = model._meta
        return reverse("wagtailadmin_pages:preview_on_add", args=[opts.app_label, opts.model_name, parent.pk])
    return reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])


PAGE_TYPES = [HomePage, CategoryPage, ProductPage, StoryIndexPage, StoryPage]
# The home page and the story index are one of a kind (max_count = 1) and exist from the
# start, so they are never added, and never previewed before their first save.
ONE_OF_A_KIND = (HomePage, StoryIndexPage)
CASES = [
    (model, new) for model in PAGE_TYPES for new in (True, False) if not (new and model in ONE_OF_A_KIND)
]


def test_the_cases_cover_every_page_type_of_the_site():
    from wagtail.models import get_page_models

    site_types = {model for model in get_page_models() if model._meta.app_label in ("home", "catalogue")}
    assert site_types == set(PAGE_TYPES)


@pytest.mark.django_db
def test_the_one_of_a_kind_pages_cannot_be_added_again(tree):
    for model in ONE_OF_A_KIND:
        _page, parent = tree[model]
        assert not model.can_create_at(parent)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "new"),
    CASES,
    ids=[f"{model.__name__}-{'before-first-save' if new else 'after-edits'}" for model, new in CASES],
)
def test_every_page_type_previews_in_every_mode(client, editor, tree, model, new):
    page, parent = tree[model]
    client.force_login(editor)
    if new:
        data = new_page_form(client, model, parent)
    else:
        data = form_data(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))
        data["title"] = PREVIEW_TITLE
    url = preview_urls(model, page, parent, new)

    posted = client.post(url, data)
    assert posted.status_code == 200, (posted.status_code, posted.get("Location"))
    assert json.loads(posted.content) == {"is_valid": True, "is_available": True}

    modes = [name for name, _label in page.preview_modes]
    assert modes, "every page type has at least its default preview mode"
    for mode in modes:
        response = client.get(url, {"mode": mode, "in_preview_panel": "true"})
        assert response.status_code == 200, (model.__name__, mode)
        content = response.content.decode()
        assert PREVIEW_TITLE in content, (model.__name__, mode)
        assert "preview_error" not in response.templates[0].name


@pytest.mark.django_db
def test_a_new_product_previews_its_picked_related_products_and_no_reviews(client, editor, tree):
    product, kitchen = tree[ProductPage]
    client.force_login(editor)
    data = new_page_form(client, ProductPage, kitchen)
    data["related_product_links-TOTAL_FORMS"] = "1"
    data["related_product_links-0-product"] = str(product.pk)
    data["related_product_links-0-ORDER"] = "1"
    data["related_product_links-0-id"] = ""
    url = preview_urls(ProductPage, None, kitchen, new=True)

    client.post(url, data)
    response = client.get(url)

    assert response.status_code == 200
    # The pick (the older product) leads; the rest of the category follows, newest first.
    olive_spoon = ProductPage.objects.get(slug="olive-spoon")
    assert [p.pk for p in response.context["related_products"]] == [product.pk, olive_spoon.pk]
    assert response.context["reviews"] == [] and response.context["rating"]["count"] == 0


@pytest.mark.django_db
def test_an_edited_gallery_shows_in_the_preview_before_it_is_saved(client, editor, tree):
    product, _kitchen = tree[ProductPage]
    picture = make_image("Fresh photo", colour="olive")
    client.force_login(editor)
    data = form_data(client, reverse("wagtailadmin_pages:edit", args=[product.pk]))
    data["gallery_images-0-image"] = str(picture.pk)
    url = preview_urls(ProductPage, product, None, new=False)

    client.post(url, data)
    response = client.get(url)

    assert [item.image for item in response.context["gallery"]] == [picture]
    assert product.gallery_images.get().image != picture  # nothing was saved


@pytest.mark.django_db
def test_someone_who_cannot_edit_the_page_gets_no_preview(client, tree):
    product, _kitchen = tree[ProductPage]
    client.force_login(UserFactory(email="shopper-in-admin@example.com"))
    url = preview_urls(ProductPage, product, None, new=False)

    assert client.get(url).status_code in (302, 403)
