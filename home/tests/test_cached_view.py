"""A view of our own cached like a page: keyed by what it reads, dropped by its tags, counting its hits."""

import pytest
from django.test import Client

from home.serving import hooks as serving_hooks
from home.serving.content_cache import invalidate
from home.tests import cached_view_urls

COUNTED = []


def record(*, product_id):
    COUNTED.append(product_id)


@pytest.fixture(autouse=True)
def swatch_site(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.ROOT_URLCONF = "home.tests.cached_view_urls"
    settings.SHOP_SERVING_HOOKS = {"record_view": f"{__name__}.record"}
    serving_hooks.clear()
    cached_view_urls.RENDERS.clear()
    COUNTED.clear()
    yield
    serving_hooks.clear()


def get(**params):
    return Client().get("/swatch/", params)


@pytest.mark.django_db
def test_a_second_visitor_gets_the_stored_render_and_counts_as_it_did():
    assert get(colour="teal")["X-Page-Cache"] == "miss"
    hit = get(colour="teal")
    assert hit["X-Page-Cache"] == "hit" and "teal" in hit.content.decode()
    assert cached_view_urls.RENDERS == ["teal"]
    assert COUNTED == [4]  # the hit counted through the hook; the render itself counted nothing


@pytest.mark.django_db
def test_parameters_it_does_not_read_never_reach_the_view_and_share_the_entry():
    first = get(colour="teal", utm_source="mail")
    assert "utm_source" not in first.content.decode()
    assert get(colour="teal")["X-Page-Cache"] == "hit"
    assert cached_view_urls.RENDERS == ["teal"]


@pytest.mark.django_db
def test_its_tag_drops_it():
    get(colour="teal")
    invalidate({"ns:swatches"})
    assert get(colour="teal")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_it_keeps_no_more_renders_with_parameters_than_it_says():
    for colour in ("teal", "navy", "ochre"):
        get(colour=colour)
    assert get(colour="navy")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in get(colour="ochre")
