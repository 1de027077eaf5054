"""The site query every page makes: the same site, root paths and SEO settings Wagtail finds, in one query."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import IntegerField, Value
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.models import SeoSettings
from home.serving import site_reads
from home.serving.site_reads import Ride, read_site, ride_with_site


@pytest.fixture
def sites(home_page, settings):
    """Four sites: the default on localhost:80, a second root under shop.example on two ports, and another host."""
    settings.ALLOWED_HOSTS = ["*"]
    root = Page.get_first_root_node()
    second = root.add_child(title="Second", slug="second")
    third = root.add_child(title="Third", slug="third")
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    Site.objects.create(hostname="shop.example", port=80, root_page=second, site_name="Shop")
    Site.objects.create(hostname="shop.example", port=8080, root_page=third, site_name="Shop test")
    Site.objects.create(hostname="other.example", port=80, root_page=third, site_name="Other")
    cache.clear()
    return Site.objects.all()


def wagtails_site(host):
    return Site.find_for_request(RequestFactory().get("/", HTTP_HOST=host))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "host",
    ["localhost", "localhost:8000", "shop.example", "shop.example:8080", "shop.example:9000", "nowhere.test"],
)
def test_the_site_is_the_one_wagtail_finds(sites, host):
    request = RequestFactory().get("/", HTTP_HOST=host)
    assert read_site(request) == wagtails_site(host)
    assert Site.find_for_request(request) == wagtails_site(host)


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["shop.example", "shop.example:8080", "shop.example:9000", "localhost"])
def test_with_no_default_site_the_site_is_still_the_one_wagtail_finds(sites, host):
    Site.objects.update(is_default_site=False)
    Site.objects.filter(hostname="other.example").update(hostname="shop.example", port=8081)
    request = RequestFactory().get("/", HTTP_HOST=host)
    assert read_site(request) == wagtails_site(host)


@pytest.mark.django_db
def test_the_root_paths_are_wagtails_and_cost_no_query_after_it(sites):
    cache.clear()
    expected = Site.get_site_root_paths()  # Wagtail's own, from the database
    cache.clear()
    read_site(RequestFactory().get("/", HTTP_HOST="localhost"))
    with CaptureQueriesContext(connection) as queries:
        assert Site.get_site_root_paths() == expected
    assert len(queries) == 0


@pytest.mark.django_db
def test_the_seo_settings_and_their_pictures_come_with_the_site(home_page):
    site = home_page.get_site()
    seo = SeoSettings.for_site(site)
    seo.organisation_name = "Knife Works"
    seo.save()
    cache.clear()
    request = RequestFactory().get("/", HTTP_HOST=site.hostname)
    with CaptureQueriesContext(connection) as queries:
        assert read_site(request) == site
        found = SeoSettings.for_request(request)
        assert found.organisation_name == "Knife Works" and found.organisation_logo is None
        assert Site.find_for_request(request) == site
    assert len(queries) == 1


@pytest.mark.django_db
def test_a_site_without_seo_settings_gets_them_made_on_first_read(home_page):
    request = RequestFactory().get("/", HTTP_HOST=home_page.get_site().hostname)
    read_site(request)
    assert SeoSettings.for_request(request).site == home_page.get_site()


@pytest.mark.django_db
def test_a_rider_is_read_in_the_site_query_only_while_it_asks(home_page, monkeypatch):
    monkeypatch.setattr(site_reads, "_riders", {})
    received = []
    asking = [True]

    def rider():
        if not asking[0]:
            return None
        return Ride(Value(41, output_field=IntegerField()) + 1, received.append)

    ride_with_site("answer", rider)
    host = home_page.get_site().hostname
    with CaptureQueriesContext(connection) as queries:
        read_site(RequestFactory().get("/", HTTP_HOST=host))
    assert received == [42]
    assert len(queries) == 1 and "ride_answer" in queries[0]["sql"]

    asking[0] = False
    with CaptureQueriesContext(connection) as queries:
        read_site(RequestFactory().get("/", HTTP_HOST=host))
    assert received == [42] and "ride_answer" not in queries[0]["sql"]


@pytest.mark.django_db
def test_a_refused_host_is_left_to_wagtail_and_read_once_per_request(home_page, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    request = RequestFactory().get("/", HTTP_HOST="evil.example")
    assert read_site(request) == wagtails_site("evil.example")
    with CaptureQueriesContext(connection) as queries:
        read_site(request)
    assert len(queries) == 0
