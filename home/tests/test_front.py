"""The page-cache front: hits of visitors without a session answered before Django's handler, and only those."""

import gzip
import logging
from urllib.parse import unquote_to_bytes

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from catalogue.services.view_counts import pending_views
from catalogue.tests.fixtures import add_product
from home.serving import cached_body, page_cache
from home.serving.front import PageCacheFront
from home.tests.front_client import FrontClient
from mysite.wsgi import application as production_application
from users.factories import UserFactory

# The page cache on, and no product views left over from other tests (home/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("page_cache_on", "no_pending_views")


@pytest.fixture
def lookups(monkeypatch):
    """Every page-cache lookup made, by path."""
    made = []
    real = page_cache.lookup

    def counted(request):
        made.append(request.path)
        return real(request)

    monkeypatch.setattr(page_cache, "lookup", counted)
    return made


class Started:
    """Counts Django's request_started signal: one per request that reaches Django's handler."""

    def __init__(self):
        self.count = 0

    def __call__(self, **kwargs):
        self.count += 1


def call_wsgi(application, path, **extra):
    environ = RequestFactory().get(path, **extra).environ
    # What a WSGI server hands over (PEP 3333): the path's bytes as latin-1. The factory's own
    # request object has written the decoded path into its environ.
    environ["PATH_INFO"] = unquote_to_bytes(path.partition("?")[0]).decode("latin-1")
    started = {}

    def start_response(status, headers):
        started.update(status=status, headers=headers)

    # As Django's test client does: the test's database transaction must outlive the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = application(environ, start_response)
        content = b"".join(body)
        if hasattr(body, "close"):
            body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], dict(started["headers"]), content


@pytest.mark.django_db
def test_the_production_application_answers_a_hit_without_running_djangos_handler(knives):
    product = add_product(knives, title="Front knife", stock=5)
    started = Started()
    request_started.connect(started)
    try:
        miss = call_wsgi(production_application, product.url)
        assert started.count == 1
        hit = call_wsgi(production_application, product.url)
        assert started.count == 1
    finally:
        request_started.disconnect(started)
    assert miss[0] == hit[0] == "200 OK"
    assert miss[1]["X-Page-Cache"] == "miss" and hit[1]["X-Page-Cache"] == "hit"
    assert b"Front knife" in hit[2] and int(hit[1]["Content-Length"]) == len(hit[2])
    assert float(hit[1]["X-Request-Duration"]) >= 0


@pytest.mark.django_db
def test_a_miss_is_looked_up_once_and_its_render_stored_under_that_lookup(knives, lookups):
    product = add_product(knives, stock=5)
    first = FrontClient().get(product.url)
    assert first["X-Page-Cache"] == "miss" and not first.answered_in_front
    assert lookups == [product.url]  # the middleware took the front's lookup over
    second = FrontClient().get(product.url)
    assert second["X-Page-Cache"] == "hit" and second.answered_in_front


@pytest.mark.django_db
def test_a_hit_in_front_counts_one_view_and_one_declined_hit_counts_one_too(knives, monkeypatch):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    assert FrontClient().get(product.url).answered_in_front
    assert pending_views(product.pk) == 2
    # No compressed copy for a client that wants one: Django serves and compresses the hit.
    monkeypatch.setattr(cached_body, "can_send_compressed", lambda body, count: False)
    declined = FrontClient().get(product.url, HTTP_ACCEPT_ENCODING="gzip")
    assert declined["X-Page-Cache"] == "hit" and not declined.answered_in_front
    assert declined["Content-Encoding"] == "gzip"
    assert b"data-cart-count>0<" in gzip.decompress(declined.content)
    assert pending_views(product.pk) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/static/css/site.css", "/media/original_images/x.png", "/api/v2/pages/"])
def test_the_front_leaves_files_and_the_api_to_django_without_asking_the_cache(path, lookups):
    front = PageCacheFront(lambda environ, start_response: None)
    assert front.answer(RequestFactory().get(path).environ) is None
    assert lookups == []


@pytest.mark.django_db
def test_a_plain_http_request_is_redirected_to_https_not_served_in_front(knives, settings):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url, secure=True)
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    redirected = FrontClient().get(product.url)
    assert redirected.status_code == 301 and redirected["Location"].startswith("https://")
    secure = FrontClient().get(product.url, secure=True)
    assert secure["X-Page-Cache"] == "hit" and secure.answered_in_front
    assert secure["Strict-Transport-Security"] == "max-age=3600"


@pytest.mark.django_db
def test_a_disallowed_host_gets_djangos_400(knives, settings):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    response = FrontClient().get(product.url, HTTP_HOST="evil.example")
    assert response.status_code == 400 and not response.answered_in_front


@pytest.mark.django_db
def test_a_front_that_fails_leaves_the_page_to_django_and_says_so_in_the_log(knives, monkeypatch, caplog):
    product = add_product(knives, title="Still served", stock=5)
    FrontClient().get(product.url)

    def broken(self, request):
        raise RuntimeError("no headers")

    monkeypatch.setattr(PageCacheFront, "headers", broken)
    with caplog.at_level(logging.ERROR, logger="home.serving.front"):
        response = FrontClient().get(product.url)
    assert response["X-Page-Cache"] == "hit" and not response.answered_in_front
    assert "Still served" in response.content.decode()
    assert "page-cache front failed" in caplog.text


@pytest.mark.django_db
def test_post_and_signed_in_requests_go_to_django(knives):
    product = add_product(knives, stock=5)
    FrontClient().get(product.url)
    shopper = FrontClient()
    shopper.force_login(UserFactory())
    signed_in = shopper.get(product.url)
    assert "X-Page-Cache" not in signed_in and not signed_in.answered_in_front
    assert not FrontClient().post(product.url).answered_in_front


@pytest.mark.django_db
def test_a_path_outside_latin1_reaches_django_as_the_server_gave_it(knives):
    # The front's own request object must not rewrite the environ that Django's handler reads
    # when the front declines: Django expects PEP 3333's undecoded path and would fail on the
    # decoded one (Schemathesis found a 500 for such a path).
    for path in ("/%F0%AC%A5%BF/", "/api/v1/products/+%F0%AC%A5%BFH%0A/"):
        status, _headers, _content = call_wsgi(production_application, path)
        assert status.startswith("404"), path
