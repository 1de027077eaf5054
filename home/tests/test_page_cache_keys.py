"""The page cache keeps only what a visitor can see: one entry per distinct render, and a bounded number."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Site

from catalogue.tests.fixtures import add_product
from home.serving import page_cache

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def page_keys() -> set[str]:
    """Page entries in the cache (locmem or Redis), without the bookkeeping keys."""
    if hasattr(cache, "_cache"):  # locmem
        raw = list(cache._cache)
    else:
        raw = [key.decode() if isinstance(key, bytes) else key for key in cache.keys("*")]
    return {
        key
        for key in raw
        if re.search(r"(?:^|:)page:", key) and not key.endswith(":params") and ":variants:" not in key
    }


def without_token(response) -> str:
    return TOKEN.sub("", response.content.decode())


@pytest.mark.django_db
def test_junk_and_tracking_parameters_share_the_bare_urls_entry(knives):
    product = add_product(knives, title="Paring knife")
    bare = Client().get(product.url)
    tracked = Client().get(product.url, {"utm_source": "newsletter", "junk": "1"})
    assert bare["X-Page-Cache"] == "miss" and tracked["X-Page-Cache"] == "hit"
    assert without_token(tracked) == without_token(bare)
    assert len(page_keys()) == 1


@pytest.mark.django_db
def test_a_first_visit_with_junk_parameters_stores_the_clean_page(knives):
    add_product(knives, title="Bread knife")
    first = Client().get(knives.url, {"junk": "spam-text", "page": "1"})
    assert first["X-Page-Cache"] == "miss"
    assert "spam-text" not in first.content.decode()
    again = Client().get(knives.url, {"page": "1", "utm_campaign": "x"})
    assert again["X-Page-Cache"] == "hit" and "spam-text" not in again.content.decode()


@pytest.mark.django_db
def test_a_product_page_ignores_listing_parameters_it_does_not_read(knives):
    product = add_product(knives)
    Client().get(product.url)
    second = Client().get(product.url, {"page": "2", "sort": "name"})
    assert second["X-Page-Cache"] == "hit"
    assert "?page=2" not in second.content.decode()


@pytest.mark.django_db
def test_different_filter_values_never_share_an_entry(knives):
    add_product(knives, title="Alpha knife", price="10.00")
    add_product(knives, title="Omega knife", price="90.00")
    cheap_first = Client().get(knives.url, {"sort": "price_asc"})
    dear_first = Client().get(knives.url, {"sort": "price_desc"})
    assert cheap_first["X-Page-Cache"] == "miss" and dear_first["X-Page-Cache"] == "miss"
    html = Client().get(knives.url, {"sort": "price_desc"}).content.decode()
    assert html.index("Omega knife") < html.index("Alpha knife")
    html = Client().get(knives.url, {"sort": "price_asc"}).content.decode()
    assert html.index("Alpha knife") < html.index("Omega knife")


@pytest.mark.django_db
def test_parameter_order_does_not_make_a_new_entry(knives):
    add_product(knives)
    Client().get(f"{knives.url}?sort=name&in_stock=on")
    again = Client().get(f"{knives.url}?in_stock=on&utm_source=x&sort=name")
    assert again["X-Page-Cache"] == "hit"
    assert len(page_keys()) == 1


@pytest.mark.django_db
def test_http_and_https_have_entries_of_their_own(home_page):
    # The home page's search action is an absolute URL of the address it was asked for.
    Client().get("/")
    secure = Client().get("/", secure=True)
    assert secure["X-Page-Cache"] == "miss"
    assert "https://testserver/search/" in secure.content.decode()
    plain = Client().get("/")
    assert plain["X-Page-Cache"] == "hit"
    assert "http://testserver/search/" in plain.content.decode()


@pytest.mark.django_db
def test_each_site_host_has_entries_of_its_own(knives, home_page, settings):
    settings.ALLOWED_HOSTS = ["localhost", "shop.example.org"]
    Site.objects.filter(is_default_site=True).update(hostname="localhost")
    Site.objects.create(hostname="shop.example.org", port=80, root_page=home_page)
    Client().get(knives.url, HTTP_HOST="localhost")
    other = Client().get(knives.url, HTTP_HOST="shop.example.org")
    assert other["X-Page-Cache"] == "miss"
    assert "http://shop.example.org/" in other.content.decode()
    local = Client().get(knives.url, HTTP_HOST="localhost")
    assert local["X-Page-Cache"] == "hit" and "shop.example.org" not in local.content.decode()


@pytest.mark.django_db
def test_a_page_keeps_a_bounded_number_of_variants(knives, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_VARIANTS", 2)
    add_product(knives)
    for low in ("1", "2", "3", "4"):
        Client().get(knives.url, {"min_price": low})
    assert Client().get(knives.url, {"min_price": "2"})["X-Page-Cache"] == "hit"
    over = Client().get(knives.url, {"min_price": "4"})
    assert over.status_code == 200 and "X-Page-Cache" not in over
    Client().get(knives.url)
    assert Client().get(knives.url)["X-Page-Cache"] == "hit"  # the bare page is never crowded out
    assert len(page_keys()) == 3


@pytest.mark.django_db
def test_a_body_over_the_size_limit_is_not_stored(knives, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_BYTES", 1000)
    Client().get(knives.url)
    second = Client().get(knives.url)
    assert second.status_code == 200 and "X-Page-Cache" not in second
    assert page_keys() == set()
