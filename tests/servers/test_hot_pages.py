"""Two gunicorn workers holding a page in memory: a publish elsewhere reaches every next request.

The publish runs in the test's own process, as an editor's request on another worker or
host would: the workers learn of it only through Redis's invalidation pushes.
"""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from redis import Redis

from catalogue.tests.fixtures import add_product
from home.serving.hot_pages import CLIENT_NAME_PREFIX
from tests.servers.browsing import Visitor

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
REQUESTS = 40
# Idle sync workers take turns in no fixed order: one may answer every sequential request.
# Requests a few at a time keep both busy.
AT_ONCE = 4


def workers_tracking(redis: Redis) -> set[str]:
    """Names of the tracking connections on the test's Redis database, the test process's own aside."""
    database = redis.connection_pool.connection_kwargs.get("db", 0)
    own = f"{CLIENT_NAME_PREFIX}{os.getpid()}"
    return {
        found["name"]
        for found in redis.client_list()
        if found.get("name", "").startswith(CLIENT_NAME_PREFIX)
        and found["name"] != own
        and int(found["db"]) == database
    }


def visit(server: str, path: str, count: int) -> list:
    """``count`` first-time visitors, ``AT_ONCE`` at a time."""
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(lambda _: Visitor(server).get(path), range(count)))


def test_a_publish_in_another_process_reaches_every_next_request_to_both_workers(start_gunicorn, knives):
    server = start_gunicorn(workers=2)
    product = add_product(knives, title="Walnut board", image=False)
    redis = Redis.from_url(settings.CACHES["default"]["LOCATION"])
    Visitor(server).get(product.url)  # rendered once and stored in Redis
    # A visitor per request, each on a connection of its own, until both workers hold it.
    first = []
    while len(workers_tracking(redis)) < 2 and len(first) < 10 * REQUESTS:
        first += visit(server, product.url, REQUESTS)
    assert all("Walnut board" in page.text for page in first)
    assert all(page.headers.get("X-Page-Cache") == "hit" for page in first)
    assert len(workers_tracking(redis)) == 2, "both workers should hold the page"

    product.title = "Oak board"
    product.save_revision().publish()

    after = visit(server, product.url, REQUESTS)
    stale = [page.headers.get("X-Page-Cache") for page in after if "Walnut board" in page.text]
    assert stale == []
    assert all(page.status == 200 and "Oak board" in page.text for page in after)
    # And the new page is held again.
    assert after[-1].headers.get("X-Page-Cache") == "hit"
    redis.close()
