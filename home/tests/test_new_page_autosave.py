"""Autosave waits until a new page exists (decision 72): one way to create a page, so no race."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from catalogue.models import ProductPage
from catalogue.tests.test_admin_opening_stock import add_url, admin_form, edit_url, new_product
from home.wagtail_hooks import NEW_PAGE_AUTOSAVE_MESSAGE

pytestmark = pytest.mark.django_db
# What Wagtail's autosave client sends; a form submit asks for HTML.
AUTOSAVE = {"Accept": "application/json"}


@pytest.fixture
def signed_in_editor(client, editor):
    client.force_login(editor)


def test_an_autosave_of_a_page_never_saved_creates_nothing_and_says_why(client, signed_in_editor, knives):
    data = admin_form(client, add_url(knives), **new_product(stock="5"))

    response = client.post(add_url(knives), data, headers=AUTOSAVE)

    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "error_code": "validation_error",  # one the client shows under "Autosave is paused"
        "error_message": NEW_PAGE_AUTOSAVE_MESSAGE,
    }
    assert not Page.objects.filter(slug="santoku-knife").exists()


def test_the_editors_own_submit_after_a_refused_autosave_creates_the_page_once(
    client, signed_in_editor, knives
):
    data = admin_form(client, add_url(knives), **new_product(stock="5"))
    client.post(add_url(knives), data, headers=AUTOSAVE)
    data["action-submit"] = "submit"

    response = client.post(add_url(knives), data)

    assert response.status_code == 302
    assert ProductPage.objects.filter(slug="santoku-knife").count() == 1


def test_autosave_still_saves_a_page_that_exists(client, signed_in_editor, knives):
    client.post(add_url(knives), admin_form(client, add_url(knives), **new_product(stock="5")))
    product = ProductPage.objects.get(slug="santoku-knife")
    data = admin_form(client, edit_url(product), title="Santoku knife, 18 cm")

    response = client.post(edit_url(product), data, headers=AUTOSAVE)

    assert response.status_code == 200 and response.json()["success"] is True
    product.refresh_from_db()
    assert product.draft_title == "Santoku knife, 18 cm"
    assert product.latest_revision.as_object().title == "Santoku knife, 18 cm"


def test_a_create_view_get_is_untouched(client, signed_in_editor, knives):
    response = client.get(add_url(knives), headers=AUTOSAVE)
    assert response.status_code == 200
    assert (
        reverse("wagtailadmin_pages:add", args=["catalogue", "productpage", knives.pk])
        in response.content.decode()
    )
