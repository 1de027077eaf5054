"""HTML goes out gzip-compressed to clients that accept it, cached pages and the sitemap included."""

import gzip

import pytest
from django.test import Client

from catalogue.tests.fixtures import add_product

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def assert_compressed(response):
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert int(response["Content-Length"]) == len(response.content)
    return gzip.decompress(response.content).decode()


@pytest.mark.django_db
def test_pages_are_compressed_on_a_miss_and_on_a_cache_hit(knives, settings):
    settings.PAGE_CACHE_SECONDS = 600
    add_product(knives, title="Squeezed knife")
    miss = Client().get(knives.url, **GZIP)
    hit = Client().get(knives.url, **GZIP)
    assert miss["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit"
    for response in (miss, hit):
        html = assert_compressed(response)
        assert "Squeezed knife" in html and "</html>" in html
        assert len(response.content) < len(html) / 2


@pytest.mark.django_db
def test_the_sitemap_is_compressed(knives):
    add_product(knives)
    for _ in range(2):  # rendered, then from its cache
        response = Client().get("/sitemap.xml", **GZIP)
        # Streamed chunk by chunk (home/seo/sitemaps.py), so compressed as a stream, with no length.
        assert response.streaming
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        xml = gzip.decompress(response.getvalue()).decode()
        assert knives.url in xml and xml.rstrip().endswith("</urlset>")


@pytest.mark.django_db
def test_a_client_that_does_not_accept_gzip_gets_plain_html(knives, settings):
    settings.PAGE_CACHE_SECONDS = 600
    Client().get(knives.url, **GZIP)
    plain = Client().get(knives.url)
    assert plain["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    assert plain.content.decode().lstrip().startswith("<!DOCTYPE html>")


@pytest.mark.django_db
def test_a_streamed_image_is_not_compressed_again(tmp_path):
    """Images, archives and PDFs are compressed already: a media view streaming them keeps its length."""
    from io import BytesIO

    from django.http import FileResponse
    from django.test import RequestFactory
    from PIL import Image

    from mysite.middleware import TextGZipMiddleware

    buffer = BytesIO()
    Image.new("RGB", (400, 400), "teal").save(buffer, "PNG")
    path = tmp_path / "teal.png"
    path.write_bytes(buffer.getvalue())
    request = RequestFactory().get("/media/teal.png", **GZIP)
    middleware = TextGZipMiddleware(lambda request: FileResponse(path.open("rb")))
    response = middleware(request)
    assert "Content-Encoding" not in response
    assert response["Content-Length"] == str(path.stat().st_size)
    assert b"".join(response.streaming_content) == path.read_bytes()
    response.close()


@pytest.mark.django_db
def test_api_json_is_compressed(knives):
    for number in range(5):
        add_product(knives, title=f"Api knife {number}", image=False)
    response = Client().get("/api/v2/pages/", **GZIP)
    assert '"total_count"' in assert_compressed(response)
