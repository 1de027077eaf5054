"""The header's main navigation is built from the page tree under the home page."""

import pytest
import wagtail_factories
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def main_nav(client) -> str:
    content = client.get("/").content.decode()
    start = content.index('<nav id="site-nav"')
    return content[start : content.index("</nav>", start)]


def test_header_lists_live_menu_pages_in_tree_order(client, add_page):
    add_page("Kitchen", slug="kitchen", show_in_menus=True)
    add_page("Coffee", slug="coffee", show_in_menus=True)

    nav = main_nav(client)

    assert '<a href="/kitchen/">Kitchen</a>' in nav
    assert '<a href="/coffee/">Coffee</a>' in nav
    assert nav.index("Kitchen") < nav.index("Coffee")


def test_header_leaves_out_drafts_unlisted_and_private_pages(client, add_page):
    add_page("Kitchen", slug="kitchen", show_in_menus=True)
    add_page("Secret sale", slug="secret-sale", show_in_menus=True, live=False)
    add_page("Terms", slug="terms", show_in_menus=False)
    staff_only = add_page("Staff room", slug="staff-room", show_in_menus=True)
    PageViewRestriction.objects.create(page=staff_only, restriction_type=PageViewRestriction.LOGIN)

    nav = main_nav(client)

    assert "Kitchen" in nav
    assert "Secret sale" not in nav
    assert "Terms" not in nav
    assert "Staff room" not in nav


def test_header_shows_grandchildren_only_under_their_own_page(client, add_page):
    kitchen = add_page("Kitchen", slug="kitchen", show_in_menus=True)
    wagtail_factories.PageFactory(parent=kitchen, title="Knives", slug="knives", show_in_menus=True)

    nav = main_nav(client)

    assert "Kitchen" in nav
    assert "Knives" not in nav


@pytest.mark.django_db
def test_the_menu_is_loaded_once_for_everyone_until_a_page_it_lists_changes(kitchen, knives, monkeypatch):
    from django.test import Client

    from catalogue.tests.fixtures import add_product
    from home.serving import chrome
    from users.factories import UserFactory

    product = add_product(knives)
    loads = []
    real_load = chrome._load_chrome
    monkeypatch.setattr(chrome, "_load_chrome", lambda *args: loads.append(args) or real_load(*args))
    for email in ("one@example.com", "two@example.com"):
        visitor = Client()
        visitor.force_login(UserFactory(email=email))  # signed in: never served from the page cache
        assert visitor.get(product.url).status_code == 200
    assert len(loads) == 1

    product.save_revision().publish()
    Client().get(product.url)
    assert len(loads) == 1  # the product is in no menu or breadcrumb of its own page

    kitchen.title = "Cookware"
    kitchen.save_revision().publish()
    assert "Cookware" in Client().get(product.url).content.decode()
    assert len(loads) == 2
