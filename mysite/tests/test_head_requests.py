"""HEAD is answered wherever GET is: the same status and headers, and no body."""

import pytest
from django.test import Client

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.tests.fixtures import add_product

# Headers whose value differs between any two requests, whatever the method (never_cache's
# Expires is "now", so a request on the next second differs).
VARYING = {"X-Request-Duration", "Set-Cookie", "Content-Length", "Expires", "Date"}


@pytest.fixture
def urls(home_page, knives):
    product = add_product(knives, title="Head knife")
    stories = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=stories, title="A story")
    return [
        "/",
        knives.url,
        f"{knives.url}?sort=name",
        product.url,
        stories.url,
        story.url,
        "/search/?q=knife",
        "/search/suggest/?q=kni",
        "/cart/",
        "/checkout/",
        "/robots.txt",
        "/sitemap.xml",
        "/healthz",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/profile/",
        "/api/v2/pages/",
        "/no-such-page/",
    ]


def body(response) -> bytes:
    # The sitemap and the feed are streamed.
    return response.getvalue() if response.streaming else response.content


def comparable(response) -> dict:
    return {name: value for name, value in response.headers.items() if name not in VARYING}


@pytest.mark.django_db
def test_head_answers_like_get_on_every_kind_of_url(urls):
    for url in urls:
        Client().get(url)  # anything cached is cached for both
        get, head = Client().get(url), Client().head(url)
        assert head.status_code == get.status_code, url
        assert head.status_code != 405, url
        assert comparable(head) == comparable(get), url
        assert ("Expires" in head.headers) == ("Expires" in get.headers), url
        assert body(head) == b"", url


@pytest.mark.django_db
def test_head_on_a_cached_page_is_a_hit_without_a_body(knives, settings):
    settings.PAGE_CACHE_SECONDS = 600
    get = Client().get(knives.url)
    head = Client().head(knives.url)
    assert head.status_code == 200 and head["X-Page-Cache"] == "hit"
    assert head["Content-Type"] == get["Content-Type"] and head.content == b""
