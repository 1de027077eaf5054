"""Past SHOP_SITEMAP_FILE_PAGES pages, /sitemap.xml is an index of files that each stay within the limit."""

from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalogue.tests.fixtures import add_product
from home.seo import sitemaps

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locs(response) -> list[str]:
    return [loc.text for loc in parse(response).iter(f"{NS}loc")]


def parse(response) -> ElementTree.Element:
    # A streamed body can be read once: keep what was parsed on the response.
    if not hasattr(response, "parsed_xml"):
        response.parsed_xml = ElementTree.fromstring(response.getvalue())
    return response.parsed_xml


@pytest.fixture
def small_files(settings):
    settings.SHOP_SITEMAP_FILE_PAGES = 3
    cache.clear()


@pytest.fixture
def ten_products(knives):
    return [add_product(knives, title=f"Blade {number}", image=False) for number in range(10)]


@pytest.mark.django_db
def test_a_site_within_one_file_gets_a_plain_urlset(client, ten_products):
    response = client.get("/sitemap.xml")
    assert parse(response).tag == f"{NS}urlset"
    assert {product.full_url for product in ten_products} <= set(locs(response))


@pytest.mark.django_db
def test_past_the_limit_the_sitemap_is_an_index_of_files_within_it(client, small_files, ten_products):
    index = client.get("/sitemap.xml")
    assert parse(index).tag == f"{NS}sitemapindex"
    files = locs(index)
    live_pages = sitemaps.sitemap_pages(sitemaps.sitemap_site(index.wsgi_request)).count()
    assert len(files) == -(-live_pages // 3)
    listed = []
    for url in files:
        response = client.get(url.removeprefix("http://localhost"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/xml"
        assert len(locs(response)) <= 3
        listed += locs(response)
    assert len(listed) == len(set(listed))
    assert {product.full_url for product in ten_products} <= set(listed)


@pytest.mark.django_db
def test_a_file_past_the_last_is_a_404(client, small_files, ten_products):
    files = len(locs(client.get("/sitemap.xml")))
    assert client.get(f"/sitemap-{files}.xml").status_code == 200
    assert client.get(f"/sitemap-{files + 1}.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


@pytest.mark.django_db
def test_a_file_costs_a_few_queries_per_chunk_not_per_page(settings, knives, monkeypatch):
    monkeypatch.setattr(sitemaps, "CHUNK_PAGES", 5)
    settings.SHOP_SITEMAP_FILE_PAGES = 1000

    def queries_and_chunks() -> tuple[int, int]:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = Client().get("/sitemap.xml")
            response.getvalue()
        pages = sitemaps.sitemap_pages(sitemaps.sitemap_site(response.wsgi_request)).count()
        return len(captured), -(-pages // 5)

    for _ in range(5):
        add_product(knives, image=False)
    few, few_chunks = queries_and_chunks()
    for _ in range(35):
        add_product(knives, image=False)
    many, many_chunks = queries_and_chunks()
    # Per chunk: the view restrictions, the pages' types, the pages of the one type present.
    assert many - few == 3 * (many_chunks - few_chunks)


@pytest.mark.django_db
def test_a_warm_sitemap_file_is_read_from_the_cache(
    client, small_files, ten_products, django_assert_max_num_queries
):
    client.get("/sitemap-2.xml").getvalue()
    with django_assert_max_num_queries(1):
        client.get("/sitemap-2.xml").getvalue()


@pytest.mark.django_db
def test_publishing_reaches_a_cached_sitemap_file(client, small_files, knives, ten_products):
    before = set().union(
        *(locs(client.get(url.removeprefix("http://localhost"))) for url in locs(client.get("/sitemap.xml")))
    )
    product = add_product(knives, title="Brand new", live=False)
    product.save_revision().publish()
    after = set().union(
        *(locs(client.get(url.removeprefix("http://localhost"))) for url in locs(client.get("/sitemap.xml")))
    )
    assert after - before == {product.full_url}
