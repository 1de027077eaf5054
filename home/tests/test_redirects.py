"""Old URLs keep working: slug changes and moves leave 301s behind, and editors can import redirects."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from catalogue.factories import CategoryPageFactory
from catalogue.tests.fixtures import add_product


def rename(page, slug, capture):
    page.slug = slug
    # Wagtail creates the redirects once the rename has committed.
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_slug_change_redirects_the_page_and_its_descendants(
    client, kitchen, knives, django_capture_on_commit_callbacks
):
    product = add_product(knives, title="Chef knife", slug="chef-knife")
    old_category_url, old_product_url = knives.url, product.url
    rename(knives, "blades", django_capture_on_commit_callbacks)
    product.refresh_from_db()

    response = client.get(old_category_url)
    assert response.status_code == 301 and response["Location"].endswith("/kitchen/blades/")
    response = client.get(old_product_url)
    assert response.status_code == 301 and response["Location"].endswith("/kitchen/blades/chef-knife/")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_moving_a_product_redirects_its_old_url(client, home_page, knives):
    product = add_product(knives, title="Whetstone", slug="whetstone")
    old_url = product.url
    tools = CategoryPageFactory(parent=home_page, title="Tools", slug="tools")
    product.move(tools, pos="last-child")
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/tools/whetstone/")


@pytest.mark.django_db
def test_editors_manage_redirects_in_the_admin(admin_client, knives):
    response = admin_client.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/summer-sale", "is_permanent": "on", "redirect_page": knives.pk, "redirect_link": ""},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Redirect.objects.get(old_path="/summer-sale").redirect_page_id == knives.pk


@pytest.mark.django_db
def test_redirects_import_from_csv(admin_client, client, knives):
    csv = (
        b"from,to\n/old-knives,https://shop.example.com/kitchen/knives/\n/spring,https://example.org/spring\n"
    )
    upload = SimpleUploadedFile("redirects.csv", csv, content_type="text/csv")
    confirm = admin_client.post(reverse("wagtailredirects:start_import"), {"import_file": upload})
    assert confirm.status_code == 200
    form = BeautifulSoup(confirm.content, "html.parser").find(
        "form", action=reverse("wagtailredirects:process_import")
    )
    data = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}
    data.update({"from_index": "0", "to_index": "1", "permanent": "on", "site": ""})
    done = admin_client.post(reverse("wagtailredirects:process_import"), data)
    assert done.status_code in (200, 302)
    assert set(Redirect.objects.values_list("old_path", flat=True)) >= {"/old-knives", "/spring"}
    moved = client.get("/old-knives")
    assert moved.status_code == 301 and moved["Location"] == "https://shop.example.com/kitchen/knives/"
