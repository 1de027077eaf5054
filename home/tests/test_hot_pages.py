"""Hot pages held in the worker: served with no Redis round trip, and never once Redis says they changed.

"Another process" here is a Redis connection of the test's own, changing keys the way
another worker's invalidation does (it deletes entries, starts a generation); the
gunicorn test in tests/servers/test_hot_pages.py publishes for real across two workers.
"""

import os
import re
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from redis import Redis

from catalogue.models import CartLine
from catalogue.tests.fixtures import add_product
from home.serving import hot_pages
from home.serving.content_cache import GENERATION_KEY, _RedisTagIndex, tag_index
from home.serving.page_cache import base_key

needs_redis = pytest.mark.skipif(not settings.REDIS_URL, reason="copies are kept only in front of Redis")
pytestmark = [needs_redis, pytest.mark.django_db]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "mysite.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.2,
            "SOCKET_TIMEOUT": 0.2,
        },
    }
}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def other_process():
    """A Redis connection of its own, like another worker's."""
    client = Redis.from_url(settings.CACHES["default"]["LOCATION"])
    yield client
    client.close()


@pytest.fixture
def redis_reads(monkeypatch):
    """Counts the reads that reach Redis: the tracking connection's and the cache's own (both still run)."""
    reads = []
    copies = hot_pages.page_copies()
    connection = copies._connected()
    original_send = connection.send_command

    def send_command(*args, **kwargs):
        reads.append(args[0])
        return original_send(*args, **kwargs)

    monkeypatch.setattr(connection, "send_command", send_command)
    backend = caches["default"]
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            reads.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(backend, name, counted)
    return reads


def the_push_arrives(seconds: float = 0.5) -> None:
    """Waits for another process's change to reach this worker.

    The push travels on the tracking connection, not with the change's reply, so under
    load it can reach the socket a moment after that reply has returned.
    """
    assert hot_pages.page_copies()._connected().can_read(timeout=seconds), "no push within the wait"


def entry_key(product) -> str:
    """The cache's own key of a product's page, as a Client request makes it."""
    request = Client().get(product.url).wsgi_request
    return caches["default"].make_key(base_key(request))


def test_a_warm_page_is_answered_from_the_workers_copy_without_reading_redis(
    knives, redis_reads, monkeypatch
):
    # However slow this machine, no copy comes of age during the test.
    monkeypatch.setattr(hot_pages, "MAX_AGE_SECONDS", 60.0)
    product = add_product(knives, title="Walnut board", stock=5)
    assert Client().get(product.url)["X-Page-Cache"] == "miss"
    assert Client().get(product.url)["X-Page-Cache"] == "hit"
    redis_reads.clear()
    for _ in range(5):
        page = Client().get(product.url)
        assert page["X-Page-Cache"] == "hit" and "Walnut board" in page.content.decode()
    assert redis_reads == []


def test_an_entry_deleted_by_another_process_is_not_served_from_the_copy(knives, other_process):
    product = add_product(knives, title="Walnut board", stock=5)
    key = entry_key(product)
    assert Client().get(product.url)["X-Page-Cache"] == "hit"
    # What another worker's invalidation does to this page's entry.
    assert other_process.delete(key) == 1
    the_push_arrives()
    assert Client().get(product.url)["X-Page-Cache"] == "miss"
    assert Client().get(product.url)["X-Page-Cache"] == "hit"


def test_an_entry_replaced_by_another_process_is_read_again(knives, other_process):
    product = add_product(knives, title="Walnut board", stock=5)
    key = entry_key(product)
    Client().get(product.url)
    # Another worker stored a newer render under the same key (here: the same bytes with a new title).
    raw = other_process.get(key)
    newer = caches["default"].client.decode(raw)
    body = newer.body
    replaced = type(body)(
        parts=tuple(part.replace(b"Walnut board", b"Oak board") for part in body.parts),
        slots=body.slots,
    )
    other_process.set(
        key, caches["default"].client.encode(type(newer)(**{**newer.__dict__, "body": replaced}))
    )
    the_push_arrives()
    page = Client().get(product.url)
    assert page["X-Page-Cache"] == "hit"
    assert "Oak board" in page.content.decode() and "Walnut board" not in page.content.decode()


def test_a_new_site_generation_from_another_process_leaves_held_pages_unserved(knives, other_process):
    product = add_product(knives, stock=5)
    Client().get(product.url)
    assert Client().get(product.url)["X-Page-Cache"] == "hit"
    other_process.delete(caches["default"].make_key(GENERATION_KEY))
    the_push_arrives()
    assert Client().get(product.url)["X-Page-Cache"] == "miss"


def test_publishing_in_this_process_shows_the_new_title_on_the_next_request(knives):
    product = add_product(knives, title="Walnut board", stock=5)
    Client().get(product.url)
    assert "Walnut board" in Client().get(product.url).content.decode()
    product.title = "Oak board"
    product.save_revision().publish()
    page = Client().get(product.url).content.decode()
    assert "Oak board" in page and "Walnut board" not in page


def tracking_connections(client: Redis) -> list[dict]:
    name = f"{hot_pages.CLIENT_NAME_PREFIX}{os.getpid()}"
    return [found for found in client.client_list() if found.get("name") == name]


def test_a_dropped_tracking_connection_serves_no_copy_and_changes_made_meanwhile_show(knives, other_process):
    product = add_product(knives, title="Walnut board", stock=5)
    key = entry_key(product)
    assert Client().get(product.url)["X-Page-Cache"] == "hit"
    [connection] = tracking_connections(other_process)
    assert "t" in connection["flags"]  # Redis tracks the keys this worker read
    other_process.client_kill_filter(_id=connection["id"])
    # A change while the connection is down: no push can carry it.
    other_process.delete(key)
    assert Client().get(product.url)["X-Page-Cache"] == "miss"
    assert hot_pages.page_copies().held() == 0
    # A second later the worker tracks again, from nothing.
    time.sleep(hot_pages.RETRY_SECONDS + 0.1)
    assert Client().get(product.url)["X-Page-Cache"] == "hit"
    assert Client().get(product.url)["X-Page-Cache"] == "hit"
    assert len(tracking_connections(other_process)) == 1


def test_with_redis_down_pages_render_and_nothing_is_held(knives, settings):
    product = add_product(knives, title="Walnut board", stock=5)
    settings.CACHES = UNREACHABLE_REDIS
    for _ in range(2):
        page = Client().get(product.url)
        assert page.status_code == 200 and "Walnut board" in page.content.decode()
        assert page.get("X-Page-Cache") != "hit"
    assert hot_pages.page_copies().held() == 0


def test_visitors_with_and_without_a_session_get_their_own_valid_token_from_one_held_copy(knives):
    product = add_product(knives, stock=5)
    other = add_product(knives, stock=5)
    Client().get(product.url)
    with_session = Client(enforce_csrf_checks=True)
    page = with_session.get(other.url)
    with_session.post(
        reverse("catalogue:cart_add"),
        {
            "product_id": other.pk,
            "quantity": "1",
            "csrfmiddlewaretoken": TOKEN.search(page.content.decode())[1],
        },
    )
    assert settings.SESSION_COOKIE_NAME in with_session.cookies
    with_session.get(reverse("catalogue:cart"))  # shows, and so clears, the "added" message
    tokens = []
    for visitor in (Client(enforce_csrf_checks=True), with_session, Client(enforce_csrf_checks=True)):
        page = visitor.get(product.url)
        assert page["X-Page-Cache"] == "hit"
        token = TOKEN.search(page.content.decode())[1]
        tokens.append(token)
        response = visitor.post(
            reverse("catalogue:cart_add"),
            {"product_id": product.pk, "quantity": "1", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
    assert len(set(tokens)) == 3
    assert CartLine.objects.filter(product=product).count() == 3


def test_copies_stay_within_their_memory_bound_dropping_the_least_recently_used(other_process):
    copies = hot_pages.TrackedCopies(
        settings.CACHES["default"]["LOCATION"], decode=bytes, size_of=len, max_bytes=25
    )
    for name in ("a", "b", "c"):
        other_process.set(f"hot-pages-test:{name}", b"x" * 10)
    keys = [f"hot-pages-test:{name}" for name in ("a", "b", "c")]
    assert copies.get_many(keys[:2]) == [b"x" * 10] * 2
    assert copies.get_many(keys[:1]) == [b"x" * 10]  # a is now the most recent
    copies.get_many(keys[2:])
    assert copies.held() == 2
    other_process.delete(*keys)
    assert copies.get_many(keys) == [None, None, None]
    assert copies.held() == 0


def test_the_tag_index_in_front_of_redis_is_the_redis_one():
    # With the cache-value index, two processes adding keys at once could lose one, and an
    # invalidation would miss its entry: on Redis the index must be Redis sets.
    assert isinstance(tag_index(), _RedisTagIndex)


def test_a_change_made_by_this_worker_reaches_it_by_the_push_alone_within_moments(knives, monkeypatch):
    # The worker drops its copies itself when it invalidates; without that, the push alone
    # must still arrive. It travels on the tracking connection, not with the change's
    # reply, so under load it can trail that reply by a moment: allow it half a second,
    # well inside the second after which a copy is read from Redis again anyway.
    monkeypatch.setattr(hot_pages, "forget_in_process", lambda: None)
    product = add_product(knives, stock=5)
    key = entry_key(product)
    copies = hot_pages.page_copies()
    backend = caches["default"]
    for round_ in range(100):
        Client().get(product.url)
        assert copies.get_many([key]) != [None], round_
        backend.client.get_client(write=True).delete(key)  # this worker's own cache connection
        deadline = time.monotonic() + 0.5
        while copies.get_many([key]) != [None] and time.monotonic() < deadline:
            time.sleep(0.001)
        assert copies.get_many([key]) == [None], round_
