"""The shop's pages send a Content-Security-Policy, and their own HTML satisfies it."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from catalogue.tests.fixtures import add_product
from users.factories import UserFactory

# Script types a browser runs; anything else (application/ld+json) is a data block CSP ignores.
RUNNABLE_SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


@pytest.fixture
def shop_urls(home_page, knives):
    product = add_product(knives, title="Policy knife", stock=5)
    cart = Client()
    cart.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "1"})
    return cart, [
        "/",
        knives.url,
        f"{knives.url}?sort=name",
        product.url,
        "/search/?q=knife",
        "/cart/",
        "/checkout/",
    ]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


@pytest.mark.django_db
def test_shop_pages_send_a_strict_policy(shop_urls, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client, urls = shop_urls
    for url in urls + [shop_urls[1][1]]:  # the category twice: a cache miss, then a hit
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], url
        assert policy["img-src"] == ["'self'", "data:"], url
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"], url
        assert policy["form-action"] == ["'self'"] and policy["base-uri"] == ["'self'"], url
    assert Client().get(shop_urls[1][1])["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_the_policy_on_a_cached_page_carries_no_nonce(knives, settings):
    settings.PAGE_CACHE_SECONDS = 600
    Client().get(knives.url)
    hit = Client().get(knives.url)
    assert hit["X-Page-Cache"] == "hit" and "nonce-" not in hit["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_wagtail_admin_is_left_out_of_the_policy(home_page):
    editor = Client()
    editor.force_login(UserFactory(superuser=True))
    response = editor.get("/admin/")
    assert response.status_code == 200 and "Content-Security-Policy" not in response


@pytest.mark.django_db
def test_media_on_s3_is_allowed_as_an_image_source(settings):
    from importlib import reload

    from mysite.settings import base

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_STORAGE_BUCKET_NAME", "shop-media")
        patch.setenv("AWS_S3_CUSTOM_DOMAIN", "media.example.com")
        assert "https://media.example.com" in reload(base).CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        patch.delenv("AWS_S3_CUSTOM_DOMAIN")
        assert (
            "https://shop-media.s3.amazonaws.com"
            in reload(base).CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
        )
    assert reload(base).CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] == ["'self'", "data:"]


@pytest.mark.django_db
def test_the_shop_html_has_nothing_inline_that_the_policy_would_block(shop_urls):
    client, urls = shop_urls
    signed_in = Client()
    signed_in.force_login(UserFactory(superuser=True))  # sees the Wagtail user bar too
    for visitor in (client, signed_in):
        for url in urls:
            soup = BeautifulSoup(visitor.get(url).content, "html.parser")
            for script in soup.find_all("script"):
                if script.get("type", "").lower() in RUNNABLE_SCRIPT_TYPES:
                    assert script.get("src"), f"inline script on {url}: {script}"
            assert soup.find_all("style") == [], url
            for tag in soup.find_all(True):
                assert "style" not in tag.attrs, f"style attribute on {url}: {tag.name}"
                handlers = [name for name in tag.attrs if name.startswith("on")]
                assert not handlers, f"inline handler on {url}: {tag.name} {handlers}"
                for attribute in ("href", "src", "action"):
                    assert not str(tag.get(attribute, "")).lower().startswith("javascript:"), url
