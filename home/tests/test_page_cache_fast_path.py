"""Hits for visitors without a session, answered in front of Django's handler: the same page, headers and rights."""

import gzip
import re
import time
from email.utils import parsedate_to_datetime

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from catalogue.models import CartLine
from catalogue.tests.fixtures import add_product
from home.serving import csrf_secrets
from home.tests.front_client import FrontClient

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
# Headers that differ between any two responses, or between a render and a hit by design.
PER_RESPONSE = {"X-Request-Duration", "Set-Cookie", "Content-Length", "X-Page-Cache"}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def hit_in_front(response) -> bool:
    return response["X-Page-Cache"] == "hit" and response.answered_in_front


def hit_behind(response) -> bool:
    """A hit answered by Django's middleware (a visitor with a session, or messages in a cookie)."""
    return response["X-Page-Cache"] == "hit" and not response.answered_in_front


def comparable(response) -> dict:
    return {name: value for name, value in response.headers.items() if name not in PER_RESPONSE}


@pytest.mark.django_db
def test_a_hit_carries_every_header_a_render_carries_under_production_security_settings(knives, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    product = add_product(knives, stock=5)
    cross_origin = {"secure": True, "HTTP_ORIGIN": "https://app.example.com"}
    miss = FrontClient().get(product.url, **cross_origin)
    hit = FrontClient().get(product.url, **cross_origin)
    assert miss["X-Page-Cache"] == "miss" and hit_in_front(hit)
    assert comparable(hit) == comparable(miss)
    assert hit["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert hit["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert set(re.split(r",\s*", hit["Vary"])) == {"Cookie", "Accept-Encoding"}
    # Pages are not part of the cross-origin API, cached or not.
    assert "Access-Control-Allow-Origin" not in hit


@pytest.mark.django_db
def test_every_new_visitor_gets_a_token_of_their_own_that_django_accepts(knives):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    tokens = set()
    for _ in range(3):
        visitor = FrontClient(enforce_csrf_checks=True)
        page = visitor.get(product.url)
        assert hit_in_front(page) and "sessionid" not in page.cookies
        token = TOKEN.search(page.content.decode()).group(1)
        tokens.add(visitor.cookies["csrftoken"].value)
        response = visitor.post(
            reverse("catalogue:cart_add"),
            {"product_id": product.pk, "quantity": "1", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
    assert len(tokens) == 3
    assert sorted(CartLine.objects.values_list("quantity", flat=True)) == [1, 1, 1]


@pytest.mark.django_db
def test_a_returning_visitor_without_a_session_keeps_their_csrf_cookie(knives):
    product = add_product(knives, stock=5)
    visitor = FrontClient(enforce_csrf_checks=True)
    visitor.get(product.url)
    secret = visitor.cookies["csrftoken"].value
    page = visitor.get(product.url)
    assert hit_in_front(page)
    assert visitor.cookies["csrftoken"].value == secret
    token = TOKEN.search(page.content.decode()).group(1)
    response = visitor.post(
        reverse("catalogue:cart_add"),
        {"product_id": product.pk, "quantity": "2", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and CartLine.objects.get().quantity == 2


@pytest.mark.django_db
def test_a_malformed_csrf_cookie_is_replaced_on_a_hit(knives):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    visitor = FrontClient(enforce_csrf_checks=True)
    visitor.cookies["csrftoken"] = "not a token!"
    page = visitor.get(product.url)
    assert hit_in_front(page) and visitor.cookies["csrftoken"].value != "not a token!"
    token = TOKEN.search(page.content.decode()).group(1)
    response = visitor.post(
        reverse("catalogue:cart_add"),
        {"product_id": product.pk, "quantity": "1", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_shopper_with_a_cart_gets_their_count_compressed_on_the_way_out(knives):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    shopper = FrontClient()
    shopper.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "2"})
    shopper.get(reverse("catalogue:cart"))  # shows the "added" message
    page = shopper.get(product.url, **GZIP)
    assert hit_behind(page) and page["Content-Encoding"] == "gzip"
    assert "data-cart-count>2<" in gzip.decompress(page.content).decode()


@pytest.mark.django_db
def test_a_compressed_hit_is_the_plain_hit_with_another_token(knives):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    plain = FrontClient().get(product.url).content.decode()
    packed = FrontClient().get(product.url, **GZIP)
    assert hit_in_front(packed) and packed["Content-Encoding"] == "gzip"
    assert int(packed["Content-Length"]) == len(packed.content)
    unpacked = gzip.decompress(packed.content).decode()
    assert TOKEN.sub("", unpacked) == TOKEN.sub("", plain)
    assert TOKEN.search(unpacked).group(1) != TOKEN.search(plain).group(1)


@pytest.mark.django_db
def test_flash_messages_kept_in_a_cookie_are_shown_not_a_cached_page(knives):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Thanks for signing up to the newsletter")
    carrier = HttpResponse()
    storage.update(carrier)
    visitor = FrontClient()
    visitor.cookies[CookieStorage.cookie_name] = carrier.cookies[CookieStorage.cookie_name].value
    page = visitor.get(product.url)
    assert "X-Page-Cache" not in page
    assert "Thanks for signing up to the newsletter" in page.content.decode()


@pytest.mark.django_db
def test_a_visitor_whose_session_is_empty_is_still_served_from_the_cache(knives):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    visitor = FrontClient()
    visitor.cookies["sessionid"] = "no-such-session"
    page = visitor.get(product.url)
    assert hit_behind(page) and "data-cart-count>0<" in page.content.decode()


@pytest.mark.django_db
def test_a_redirect_from_a_live_pages_path_does_not_take_over_its_cached_page(knives):
    product = add_product(knives, title="Kept knife", stock=5)
    Redirect.objects.create(old_path=Redirect.normalise_path(product.url), redirect_link="/elsewhere/")
    miss = FrontClient().get(product.url)
    hit = FrontClient().get(product.url)
    assert miss.status_code == hit.status_code == 200 and hit_in_front(hit)
    assert "Kept knife" in hit.content.decode()


@pytest.mark.django_db
def test_a_page_without_forms_sets_no_csrf_cookie_on_a_hit(add_page):
    page = add_page("About us")
    FrontClient().get(page.url)
    hit = FrontClient().get(page.url)
    assert hit.status_code == 200 and hit_in_front(hit)
    assert "csrftoken" not in hit.cookies and "csrfmiddlewaretoken" not in hit.content.decode()


def test_new_csrf_secrets_have_djangos_form_and_do_not_repeat():
    secrets = {csrf_secrets.new_secret() for _ in range(2000)}
    assert len(secrets) == 2000
    assert all(re.fullmatch(r"[A-Za-z0-9]{32}", secret) for secret in secrets)
    # Every allowed character turns up: no part of the alphabet is lost to the mapping.
    assert len(set("".join(secrets))) == 62


def without_value_and_date(cookie) -> str:
    return re.sub(r"expires=[^;]+", "expires=*", cookie.output(header="").replace(cookie.value, "*"))


@pytest.mark.django_db
def test_a_new_visitors_csrf_cookie_on_a_hit_is_the_one_django_sets_on_a_render(knives, settings):
    settings.CSRF_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SAMESITE = "Strict"
    settings.CSRF_COOKIE_HTTPONLY = True
    settings.CSRF_COOKIE_DOMAIN = "testserver"
    settings.CSRF_COOKIE_NAME = "shop_csrf"
    settings.CSRF_COOKIE_AGE = 3600
    product = add_product(knives, stock=5)
    miss = FrontClient().get(product.url, secure=True)
    started = time.time()
    hit = FrontClient().get(product.url, secure=True)
    assert miss["X-Page-Cache"] == "miss" and hit_in_front(hit)
    rendered, served = miss.cookies["shop_csrf"], hit.cookies["shop_csrf"]
    assert without_value_and_date(served) == without_value_and_date(rendered)
    assert "Secure" in served.output() and "SameSite=Strict" in served.output()
    assert served.value != rendered.value and re.fullmatch(r"[A-Za-z0-9]{32}", served.value)
    expires = parsedate_to_datetime(served["expires"]).timestamp()
    assert int(started) + 3600 <= expires <= time.time() + 3600 and served["max-age"] == 3600


@pytest.mark.django_db
def test_a_returning_visitors_csrf_cookie_is_sent_again_as_django_does_to_renew_it(knives):
    product = add_product(knives, stock=5)
    visitor = FrontClient()
    miss = visitor.get(product.url)
    hit = visitor.get(product.url)
    assert miss["X-Page-Cache"] == "miss" and hit_in_front(hit)
    assert hit.cookies["csrftoken"].value == miss.cookies["csrftoken"].value
    assert without_value_and_date(hit.cookies["csrftoken"]) == without_value_and_date(
        miss.cookies["csrftoken"]
    )


@pytest.mark.django_db
def test_every_hit_masks_the_token_afresh(knives):
    product = add_product(knives, stock=5)
    visitor = FrontClient()
    visitor.get(product.url)
    pages = [visitor.get(product.url) for _ in range(5)]
    tokens = {token for page in pages for token in TOKEN.findall(page.content.decode())}
    assert all(hit_in_front(page) for page in pages)
    # One token per page, in all of its forms (as Django renders it), and a new one on each page.
    assert len(tokens) == 5


@pytest.mark.django_db
def test_a_malformed_csrf_cookie_is_replaced_on_a_hit_of_a_page_without_forms_as_django_does(add_page):
    page = add_page("About us")
    FrontClient().get(page.url)
    visitor = FrontClient()
    visitor.cookies["csrftoken"] = "not a token!"
    hit = visitor.get(page.url)
    assert hit_in_front(hit) and "csrfmiddlewaretoken" not in hit.content.decode()
    assert re.fullmatch(r"[A-Za-z0-9]{32}", hit.cookies["csrftoken"].value)
