"""The crawler endpoints follow the Site: a new hostname reaches the sitemap and cached pages at once."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from catalogue.tests.fixtures import add_product
from users.factories import UserFactory


def edit_site_in_admin(site, **changes):
    admin = Client()
    admin.force_login(UserFactory(superuser=True))
    data = {
        "hostname": site.hostname,
        "port": site.port,
        "site_name": site.site_name or "",
        "root_page": site.root_page_id,
        "is_default_site": "on" if site.is_default_site else "",
        **changes,
    }
    response = admin.post(reverse("wagtailsites:edit", args=[site.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.django_db
def test_saving_the_site_with_a_new_hostname_refreshes_the_cached_sitemap(knives, settings):
    settings.ALLOWED_HOSTS = ["testserver", "shop.example.org"]
    product = add_product(knives, title="Sitemapped knife")
    site = Site.objects.get(is_default_site=True)
    shopper = Client(HTTP_HOST="shop.example.org")
    before = shopper.get("/sitemap.xml").getvalue().decode()  # cached now
    assert f"http://{site.hostname}{product.url}" in before

    edit_site_in_admin(site, hostname="shop.example.org")

    after = shopper.get("/sitemap.xml").getvalue().decode()
    assert f"http://shop.example.org{product.url}" in after
    assert f"http://{site.hostname}/" not in after


@pytest.mark.django_db
def test_saving_the_site_refreshes_cached_pages(knives, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.ALLOWED_HOSTS = ["testserver", "shop.example.org"]
    Client().get(knives.url)
    assert Client().get(knives.url)["X-Page-Cache"] == "hit"
    edit_site_in_admin(Site.objects.get(is_default_site=True), hostname="shop.example.org")
    page = Client().get(knives.url)
    assert page["X-Page-Cache"] == "miss"
    assert 'rel="canonical" href="http://shop.example.org/kitchen/knives/"' in page.content.decode()


@pytest.mark.django_db
def test_deleting_a_site_refreshes_the_cached_sitemap(knives, home_page, settings):
    settings.ALLOWED_HOSTS = ["testserver", "shop.example.org"]
    product = add_product(knives)
    extra = Site.objects.create(hostname="shop.example.org", port=80, root_page=home_page)
    shopper = Client(HTTP_HOST="shop.example.org")
    assert "shop.example.org" in shopper.get("/sitemap.xml").getvalue().decode()
    extra.delete()
    assert f"http://shop.example.org{product.url}" not in shopper.get("/sitemap.xml").getvalue().decode()


@pytest.mark.django_db
def test_the_cached_sitemap_keeps_its_headers(knives):
    first, cached = Client().get("/sitemap.xml"), Client().get("/sitemap.xml")
    for response in (first, cached):
        assert response["Content-Type"] == "application/xml"
        assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert cached.getvalue() == first.getvalue()
