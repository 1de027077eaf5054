"""Two gunicorn instances sharing one PostgreSQL and one Redis, as two hosts behind a load balancer.

An editor publishes through one of them; shoppers served by the other see the change
at once: the product page, its category listing and the sitemap.
"""

import pytest

from catalogue.tests.fixtures import add_product
from tests.servers.browsing import Visitor
from users.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def servers(start_gunicorn):
    return start_gunicorn(), start_gunicorn()


def signed_in_editor(base_url: str) -> Visitor:
    editor = UserFactory(email="editor@example.com", is_superuser=True, is_staff=True)
    visitor = Visitor(base_url)
    response = visitor.post_form(
        "/admin/login/", {"username": editor.email, "password": DEFAULT_PASSWORD, "next": "/admin/"}
    )
    assert response.status == 200 and "Dashboard" in response.text, "the editor could not sign in"
    return visitor


def test_publish_on_one_server_invalidates_the_cache_seen_through_the_other(servers, knives):
    shop, admin = servers
    product = add_product(knives, title="Walnut board", image=False)
    shopper = Visitor(shop)

    assert "Walnut board" in shopper.get(product.url).text
    cached = shopper.get(product.url)
    assert cached.headers.get("X-Page-Cache") == "hit"
    assert "Walnut board" in shopper.get(knives.url).text

    # A draft changes nothing for shoppers; the cached page keeps being served.
    product.title = "Oak board"
    product.save_revision()
    assert "Walnut board" in shopper.get(product.url).text

    editor = signed_in_editor(admin)
    published = editor.post_form(
        f"/admin/bulk/wagtailcore/page/publish/?id={product.pk}&next=/admin/pages/{knives.pk}/",
        {"include_descendants": ""},
    )
    assert published.status == 200 and "Oak board" in published.text

    page = shopper.get(product.url)
    assert "Oak board" in page.text and "Walnut board" not in page.text
    listing = shopper.get(knives.url)
    assert "Oak board" in listing.text and "Walnut board" not in listing.text


def test_unpublish_on_one_server_removes_the_page_and_sitemap_entry_on_the_other(servers, knives):
    shop, admin = servers
    product = add_product(knives, title="Copper pan", image=False)
    shopper = Visitor(shop)
    assert shopper.get(product.url).status == 200
    assert product.slug in shopper.get("/sitemap.xml").text

    editor = signed_in_editor(admin)
    response = editor.post_form(f"/admin/pages/{product.pk}/unpublish/", {})
    assert response.status == 200

    assert shopper.get(product.url).status == 404
    assert product.slug not in shopper.get("/sitemap.xml").text
    assert "Copper pan" not in shopper.get(knives.url).text
