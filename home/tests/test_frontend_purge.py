"""CDN purging through wagtail.contrib.frontend_cache, against a real HTTP purge endpoint on loopback."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import Site

from catalogue.tests.fixtures import add_product


class PurgeRecorder(BaseHTTPRequestHandler):
    received: list[str]

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.received.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def no_urls_left_from_other_tests():
    # URLs of a rolled-back transaction wait for the next purge; a test's own rolled-back
    # transaction must not hand them to the next test.
    from home.serving import frontend_purge

    frontend_purge._stale_urls().clear()


@pytest.fixture
def purge_endpoint(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server.received
    server.shutdown()
    server.server_close()


@pytest.fixture
def site_root(db):
    site = Site.objects.get(is_default_site=True)
    return site.root_url


@pytest.mark.django_db
def test_publishing_purges_the_page_its_listings_and_the_sitemap(
    purge_endpoint, knives, site_root, django_capture_on_commit_callbacks
):
    product = add_product(knives, title="Santoku")
    purge_endpoint.clear()
    product.title = "Santoku, walnut handle"
    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()
    assert set(purge_endpoint) >= {
        f"{site_root}/kitchen/knives/{product.slug}/",
        f"{site_root}/kitchen/knives/",
        f"{site_root}/kitchen/",
        f"{site_root}/",
        f"{site_root}/sitemap.xml",
    }


@pytest.mark.django_db
def test_nothing_is_purged_before_the_commit(
    purge_endpoint, knives, site_root, django_capture_on_commit_callbacks
):
    product = add_product(knives)
    purge_endpoint.clear()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        product.save_revision().publish()
    # Not even the page's own URL: Wagtail's own handlers would purge it inside the transaction.
    assert purge_endpoint == []
    for callback in pending:
        callback()
    assert f"{site_root}/kitchen/knives/" in purge_endpoint


@pytest.mark.django_db
def test_unpublishing_purges_the_page_and_its_listings(
    purge_endpoint, knives, site_root, django_capture_on_commit_callbacks
):
    product = add_product(knives)
    purge_endpoint.clear()
    with django_capture_on_commit_callbacks(execute=True):
        product.unpublish()
    assert {f"{site_root}/kitchen/knives/{product.slug}/", f"{site_root}/kitchen/knives/"} <= set(
        purge_endpoint
    )


@pytest.mark.django_db
def test_moving_a_category_purges_old_and_new_urls_of_its_products(
    purge_endpoint, home_page, kitchen, knives, site_root, django_capture_on_commit_callbacks
):
    from catalogue.factories import CategoryPageFactory

    product = add_product(knives)
    tools = CategoryPageFactory(parent=home_page, title="Tools", slug="tools")
    purge_endpoint.clear()
    with django_capture_on_commit_callbacks(execute=True):
        knives.move(tools, pos="last-child")
    assert {
        f"{site_root}/kitchen/knives/{product.slug}/",
        f"{site_root}/kitchen/",
        f"{site_root}/tools/knives/",
        f"{site_root}/tools/",
    } <= set(purge_endpoint)


@pytest.mark.django_db
def test_deleting_a_page_purges_it_and_its_listing(
    purge_endpoint, knives, site_root, django_capture_on_commit_callbacks
):
    product = add_product(knives)
    url = f"{site_root}/kitchen/knives/{product.slug}/"
    purge_endpoint.clear()
    with django_capture_on_commit_callbacks(execute=True):
        product.delete()
    assert {url, f"{site_root}/kitchen/knives/"} <= set(purge_endpoint)


@pytest.mark.django_db
def test_without_a_cdn_nothing_is_sent(purge_endpoint, settings, knives, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    product = add_product(knives)
    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()
        product.unpublish()
    assert purge_endpoint == []


@pytest.mark.django_db
def test_deleting_a_category_sends_one_purge_for_all_its_pages(
    purge_endpoint, kitchen, knives, site_root, django_capture_on_commit_callbacks, monkeypatch
):
    from home import tasks

    products = [add_product(knives, image=False) for _ in range(5)]
    sent = []
    real_task = tasks.purge_frontend_cache
    monkeypatch.setattr(
        tasks.purge_frontend_cache, "delay", lambda urls: sent.append(urls) or real_task(urls)
    )
    purge_endpoint.clear()
    with django_capture_on_commit_callbacks(execute=True):
        knives.delete()
    assert len(sent) == 1
    assert {f"{site_root}/kitchen/knives/{product.slug}/" for product in products} <= set(sent[0])
    assert {f"{site_root}/kitchen/", f"{site_root}/sitemap.xml"} <= set(purge_endpoint)


@pytest.mark.django_db
def test_a_rolled_back_publish_sends_no_purge(purge_endpoint, knives, django_capture_on_commit_callbacks):
    from django.db import transaction

    product = add_product(knives)
    purge_endpoint.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                product.save_revision().publish()
                raise RuntimeError("the editor's request failed")
        except RuntimeError:
            pass
    assert purge_endpoint == []
    assert callbacks == []


@pytest.mark.django_db
def test_urls_of_a_rolled_back_block_go_out_with_the_next_purge_not_never(
    purge_endpoint, knives, site_root, django_capture_on_commit_callbacks
):
    from django.db import transaction

    first, second = add_product(knives, title="First"), add_product(knives, title="Second")
    purge_endpoint.clear()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                first.save_revision().publish()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        second.save_revision().publish()
    assert f"{site_root}/kitchen/knives/{second.slug}/" in purge_endpoint
    # A spare purge of the first page's URL is harmless; losing the second's would not be.
    assert f"{site_root}/kitchen/knives/{first.slug}/" in purge_endpoint


@pytest.mark.django_db
def test_a_failing_purge_leaves_the_commits_other_callbacks_running(
    purge_endpoint, knives, django_capture_on_commit_callbacks, monkeypatch
):
    from django.db import transaction

    from home import tasks

    def broken(urls):
        raise ConnectionError("CDN API down")

    monkeypatch.setattr(tasks.purge_frontend_cache, "delay", broken)
    product = add_product(knives)
    ran = []
    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()
        transaction.on_commit(lambda: ran.append("after the purge"))
    assert ran == ["after the purge"]
