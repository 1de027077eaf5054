"""Product cards cached beneath the page cache: shared markup, personal tokens, never stale."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Site

from catalogue.models import CartLine, ProductPage
from catalogue.services.stock import stock_adjust
from catalogue.tests.fixtures import add_product
from home.serving.content_cache import generation_key
from users.factories import UserFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
NEXT = re.compile(r'name="next" value="([^"]*)"')


def signed_in(email):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(email=email))
    return client


def card_key(product):
    site = Site.objects.get(is_default_site=True)
    return f"{generation_key('card', site.pk)}:{product.pk}"


@pytest.mark.django_db
def test_listing_cards_are_kept_in_the_cache_and_served_from_it(client, knives):
    product = add_product(knives, title="Santoku")
    client.get(knives.url)
    assert "Santoku" in cache.get(card_key(product))

    cache.set(
        card_key(product), cache.get(card_key(product)).replace("Santoku", "Served from the card cache")
    )
    assert "Served from the card cache" in client.get(knives.url).content.decode()


@pytest.mark.django_db
def test_each_visitor_gets_their_own_token_on_cached_cards_and_can_add_to_cart(knives):
    product = add_product(knives, stock=5)
    first, second = signed_in("first@example.com"), signed_in("second@example.com")
    first_page = first.get(knives.url).content.decode()
    second_page = second.get(knives.url).content.decode()

    assert "__CARD_" not in second_page
    first_token, second_token = TOKEN.findall(first_page)[-1], TOKEN.findall(second_page)[-1]
    assert first_token != second_token
    response = second.post(
        reverse("catalogue:cart_add"),
        {"product_id": product.pk, "quantity": "1", "csrfmiddlewaretoken": second_token},
    )
    assert response.status_code == 302
    assert CartLine.objects.filter(product=product).count() == 1


@pytest.mark.django_db
def test_cached_cards_return_each_visitor_to_their_own_page_escaped(client, knives):
    add_product(knives, stock=5)
    client.get(knives.url + "?sort=price")
    response = client.get(knives.url + "?sort=name&x=\"'<b>")
    full_path = response.wsgi_request.get_full_path()
    assert full_path.startswith(f"{knives.url}?sort=name")
    assert NEXT.findall(response.content.decode())[-1] == escape(full_path)


@pytest.mark.django_db
def test_a_published_price_change_shows_on_the_card_at_once(client, knives):
    product = add_product(knives, price=Decimal("40.00"))
    assert "€40.00" in client.get(knives.url).content.decode()
    product.price = Decimal("35.00")
    product.save_revision().publish()
    page = client.get(knives.url).content.decode()
    assert "€35.00" in page and "€40.00" not in page


@pytest.mark.django_db
def test_a_card_turns_sold_out_when_the_stock_runs_out(client, knives):
    product = add_product(knives, stock=1)
    assert "Add to cart" in client.get(knives.url).content.decode()
    stock_adjust(product_id=product.pk, change=-1, note="damaged")
    page = client.get(knives.url).content.decode()
    assert "Sold out" in page and "Add to cart" not in page


@pytest.mark.django_db
def test_cards_known_by_id_load_only_the_products_whose_cards_are_not_cached(knives, rf):
    from catalogue.card_cache import CardList, render_cards

    products = [add_product(knives, title=f"Knife {number}") for number in range(3)]
    ids = [product.pk for product in products]
    loaded = []

    def load(wanted):
        loaded.append(list(wanted))
        return list(ProductPage.objects.filter(pk__in=wanted).with_rating().for_cards())

    first = render_cards(CardList(ids[:2], load), rf.get("/search/"))
    second = render_cards(CardList(ids, load), rf.get("/search/"))

    assert loaded == [ids[:2], ids[2:]]
    assert [f"Knife {number}" in second for number in range(3)] == [True, True, True]
    assert second.index("Knife 0") < second.index("Knife 1") < second.index("Knife 2")
    assert "Knife 2" not in first


@pytest.mark.django_db
def test_cards_link_relative_to_each_site_and_are_kept_per_site(knives, home_page, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    add_product(knives, title="Santoku", slug="santoku")
    Site.objects.create(hostname="other.example", port=80, root_page=home_page, site_name="Other")

    default_page = Client().get(knives.url).content.decode()
    other_page = Client(HTTP_HOST="other.example").get(knives.url).content.decode()

    assert 'href="/kitchen/knives/santoku/"' in default_page
    assert 'href="/kitchen/knives/santoku/"' in other_page
    assert "http://" not in other_page.split('class="card-grid"')[1].split("</ul>")[0]


@pytest.mark.django_db
def test_deleting_a_brand_takes_its_name_off_cached_cards(client, knives):
    from catalogue.models import Brand

    brand = Brand.objects.create(name="Zwilling", slug="zwilling")
    add_product(knives, brand=brand)
    assert "Zwilling" in client.get(knives.url).content.decode()
    brand.delete()
    assert "Zwilling" not in client.get(knives.url).content.decode()
