"""The anonymous full-page cache: fast, personal where it must be, and never stale after a change."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from catalogue.models import CartLine, ProductPage
from catalogue.services.stock import stock_adjust
from catalogue.services.view_counts import pending_views, view_counts_flush
from catalogue.tests.fixtures import add_product
from users.factories import UserFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


# The page cache on, and no product views left over from other tests (home/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("page_cache_on", "no_pending_views")


@pytest.mark.django_db
def test_second_anonymous_visit_is_served_from_cache(client, knives):
    product = add_product(knives, title="Cached knife")
    first = client.get(product.url)
    second = Client().get(product.url)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "Cached knife" in second.content.decode()


@pytest.mark.django_db
def test_new_visitor_can_post_from_a_cached_page(knives):
    product = add_product(knives, stock=5)
    Client().get(product.url)  # someone else warms the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(product.url)
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    response = visitor.post(
        reverse("catalogue:cart_add"),
        {"product_id": product.pk, "quantity": "1", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert CartLine.objects.get().quantity == 1


@pytest.mark.django_db
def test_csrf_tokens_and_cart_counts_do_not_leak_between_visitors(knives):
    product = add_product(knives, stock=5)
    alice, bob = Client(), Client()
    alice.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "2"})
    alice.get(reverse("catalogue:cart"))  # shows and clears the "added" message
    alice_page = alice.get(product.url).content.decode()
    bob_page = bob.get(product.url)
    assert bob_page["X-Page-Cache"] == "hit"
    assert "data-cart-count>2<" in alice_page
    assert "data-cart-count>0<" in bob_page.content.decode()
    assert TOKEN.search(alice_page).group(1) != TOKEN.search(bob_page.content.decode()).group(1)
    assert "__PAGE_CACHE_" not in bob_page.content.decode()


@pytest.mark.django_db
def test_signed_in_users_and_pending_messages_bypass_the_cache(client, knives):
    product = add_product(knives, stock=5)
    Client().get(product.url)
    client.force_login(UserFactory())
    response = client.get(product.url)
    assert "X-Page-Cache" not in response
    assert "My account" in response.content.decode()
    visitor = Client()
    visitor.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "1"})
    with_message = visitor.get(product.url)
    assert "X-Page-Cache" not in with_message and "Added 1" in with_message.content.decode()


@pytest.mark.django_db
def test_publish_unpublish_and_stock_changes_reach_cached_pages(client, knives):
    product = add_product(knives, title="Old name", stock=10)
    client.get(knives.url)
    client.get(product.url)
    assert Client().get(product.url)["X-Page-Cache"] == "hit"

    product.title = "New name"
    product.save_revision().publish()
    assert "New name" in client.get(product.url).content.decode()
    assert "New name" in client.get(knives.url).content.decode()

    stock_adjust(product_id=product.pk, change=-10, note="Count")
    assert "Sold out" in client.get(product.url).content.decode()

    ProductPage.objects.get(pk=product.pk).unpublish()
    assert client.get(product.url).status_code == 404
    assert "New name" not in client.get(knives.url).content.decode()


@pytest.mark.django_db
def test_private_pages_are_never_cached(client, knives):
    product = add_product(knives)
    PageViewRestriction.objects.create(page=knives, restriction_type=PageViewRestriction.LOGIN)
    first = client.get(product.url)
    second = client.get(product.url)
    assert first.status_code == 302 and second.status_code == 302
    assert "X-Page-Cache" not in second


@pytest.mark.django_db
def test_views_are_counted_outside_the_database_and_flushed_later(knives, django_assert_num_queries):
    product = add_product(knives)
    Client().get(product.url)
    with django_assert_num_queries(0):
        Client().get(product.url)  # a cache hit: no database at all
    Client().get(product.url)
    assert pending_views(product.pk) == 3
    assert ProductPage.objects.get(pk=product.pk).view_count == 0

    assert view_counts_flush() == 1
    assert ProductPage.objects.get(pk=product.pk).view_count == 3
    fresh = ProductPage.objects.get(pk=product.pk)
    fresh.save_revision().publish()
    assert ProductPage.objects.get(pk=product.pk).view_count == 3


@pytest.mark.django_db
def test_a_publish_during_a_render_leaves_that_render_stale(knives, monkeypatch):
    from home.serving import routing
    from home.serving.content_cache import bump_content_generation

    product = add_product(knives, title="Old title")
    real_serve = routing.wagtail_serve

    def serve_while_an_editor_publishes(request, path):
        response = real_serve(request, path)
        bump_content_generation()  # the publish lands after this render read the page
        return response

    monkeypatch.setattr(routing, "wagtail_serve", serve_while_an_editor_publishes)
    assert Client().get(product.url)["X-Page-Cache"] == "miss"
    monkeypatch.setattr(routing, "wagtail_serve", real_serve)
    assert Client().get(product.url)["X-Page-Cache"] == "miss"
    assert Client().get(product.url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_editing_seo_settings_reaches_cached_pages(knives):
    from home.models import SeoSettings

    Client().get(knives.url)
    assert Client().get(knives.url)["X-Page-Cache"] == "hit"
    seo = SeoSettings.for_site(knives.get_site())
    seo.title_suffix = " | Kitchen Co."
    seo.save()
    page = Client().get(knives.url)
    assert page["X-Page-Cache"] == "miss" and "Kitchen Co." in page.content.decode()


@pytest.mark.django_db
def test_a_section_made_private_leaves_cached_pages_and_menus_at_once(knives, kitchen):
    product = add_product(knives, title="Secret santoku")
    Client().get(product.url)
    assert Client().get(product.url)["X-Page-Cache"] == "hit"
    assert "Kitchen" in Client().get("/").content.decode()

    PageViewRestriction.objects.create(page=kitchen, restriction_type=PageViewRestriction.LOGIN)

    assert Client().get(product.url).status_code == 302
    menu = Client().get("/").content.decode()
    assert 'href="/kitchen/"' not in menu


@pytest.mark.django_db
def test_a_sale_of_a_well_stocked_product_keeps_cached_pages_and_a_low_count_shows_at_once(knives, settings):
    settings.SHOP_MAX_LINE_QUANTITY = 20
    settings.SHOP_LOW_STOCK_THRESHOLD = 5
    product = add_product(knives, stock=40)
    Client().get(product.url)

    stock_adjust(product_id=product.pk, change=-10, note="sold at the market")  # 40 -> 30: still "In stock"
    page = Client().get(product.url)
    assert page["X-Page-Cache"] == "hit"

    stock_adjust(product_id=product.pk, change=-25, note="sold at the market")  # 30 -> 5: "Only 5 left"
    page = Client().get(product.url)
    assert page["X-Page-Cache"] == "miss" and "Only 5 left" in page.content.decode()


@pytest.mark.django_db
def test_replacing_an_image_refreshes_the_cached_pages_that_show_it(knives):
    from django.core.files.images import ImageFile

    from catalogue.tests.fixtures import make_image

    image = make_image("Board", colour="teal")
    product = add_product(knives, image=image)
    Client().get(knives.url)
    assert Client().get(knives.url)["X-Page-Cache"] == "hit"

    replacement = make_image("Board v2", colour="navy")
    image.file = ImageFile(replacement.file.open("rb"), name="board-v2.png")
    image.save()

    page = Client().get(knives.url)
    assert page["X-Page-Cache"] == "miss"
    assert product.title in page.content.decode()


@pytest.mark.django_db
def test_paths_that_skip_the_cache_lookup_are_views_of_our_own_not_pages():
    from django.urls import resolve

    from home.serving.page_cache import not_page_paths
    from home.serving.routing import serve

    assert "/cart/add/" in not_page_paths() and "/search/suggest/" in not_page_paths()
    assert "/search/" not in not_page_paths()  # cached like a page (search.views.search)
    assert all(resolve(path).func is not serve for path in not_page_paths())


@pytest.mark.django_db
def test_a_page_behind_a_password_is_never_cached_even_for_a_visitor_who_entered_it(knives):
    product = add_product(knives, title="Members' knife")
    restriction = PageViewRestriction.objects.create(
        page=knives, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    member = Client()
    form = member.get(product.url)
    assert form.status_code == 200 and "Members' knife" not in form.content.decode()
    member.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, product.pk]),
        {"password": "sesame", "return_url": product.url},
    )
    assert "Members&#x27; knife" in member.get(product.url).content.decode()

    stranger = Client().get(product.url)
    assert "Members&#x27; knife" not in stranger.content.decode()
    assert "X-Page-Cache" not in stranger
