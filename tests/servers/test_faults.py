"""Faults over real gunicorn servers: Redis killed mid-traffic, the broker gone, the database gone.

Each test starts what it breaks (a redis-server of its own, a broker address where
nothing listens, a TCP proxy in front of PostgreSQL), so the shared services are never
touched. The figures go to stdout, shown in the summary with ``pytest -rA``.
"""

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal
from email import message_from_bytes
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import redis
from django.db import connection
from django.db.models import Sum
from django.urls import reverse
from wagtail.models import Site

from bench._server import stop_process_group
from catalogue.models import Order, OrderLine, StockMovement
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product, make_image
from home.models import SeoSettings
from tests.servers.browsing import Response, Visitor
from tests.servers.conftest import database_url, free_port

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHECKOUT = reverse("catalogue:checkout")
CART_ADD = reverse("catalogue:cart_add")
ADDRESS = GUEST_CHECKOUT
CONFIRMED = re.compile(r"Thank you! Order ([\w-]+)</h1>")
FRIENDLY_500 = "Something went wrong on our side"
OPENING_STOCK = 500

# The Redis outage: three shoppers for LOOP_SECONDS, each making at most MAX_ROUNDS rounds.
# One browses (home, both categories, a product and a search each round), two buy (a
# product page, add to cart, check out). Redis is killed at KILL_AT, in the middle of a
# checkout, and started again at RESTART_AT.
BROWSERS, BUYERS = 1, 2
LOOP_SECONDS = 15.0
KILL_AT, RESTART_AT = 4.0, 10.0
MAX_ROUNDS = 100


def report(text: str) -> None:
    """The figures, for the -rA summary (ruff's T20 forbids print, not the stream)."""
    sys.stdout.write(f"{text}\n")


class RedisServer:
    """A redis-server of the test's own on a free loopback port, to kill and start again."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.workdir)]
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)
            finally:
                client.close()

    def kill(self) -> None:
        """As a crash would: SIGKILL, nothing saved, every connection dropped."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None:
            stop_process_group(self.process, timeout=5)


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


class TcpProxy:
    """Forwards a loopback port to PostgreSQL until closed: closing it takes the database away."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.closed = threading.Event()
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        """No new connections (they are refused) and every open one cut."""
        self.closed.set()
        self.listener.close()
        with self.lock:
            for end in self.sockets:
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()


@dataclass
class Tally:
    """What the shoppers saw, by phase of the outage; threads add to it under the lock."""

    phase: str = "before"
    requests: Counter = field(default_factory=Counter)
    cache_hits: Counter = field(default_factory=Counter)
    slowest: dict = field(default_factory=dict)
    orders: Counter = field(default_factory=Counter)
    server_errors: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    confirmed: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, path: str, response: Response, seconds: float) -> None:
        with self.lock:
            self.requests[self.phase] += 1
            self.slowest[self.phase] = max(self.slowest.get(self.phase, (0.0, "")), (seconds, path))
            if response.headers.get("X-Page-Cache") == "hit":
                self.cache_hits[self.phase] += 1
            if response.status >= 500:
                self.server_errors.append((self.phase, path, response.status, response.text[-300:]))

    def fail(self, path: str, error: Exception) -> None:
        with self.lock:
            self.requests[self.phase] += 1
            self.failures.append((self.phase, path, repr(error)))

    def confirm(self, number: str) -> None:
        with self.lock:
            self.orders[self.phase] += 1
            self.confirmed.append(number)


class CountingVisitor(Visitor):
    """A visitor whose every response (or failure to get one) is counted in the tally."""

    def __init__(self, base_url: str, tally: Tally):
        super().__init__(base_url)
        self.tally = tally

    def _open(self, request) -> Response:
        path = urlsplit(request if isinstance(request, str) else request.full_url).path
        started = time.monotonic()
        try:
            response = super()._open(request)
        except OSError as error:  # refused, reset, timed out: no answer at all
            self.tally.fail(path, error)
            return Response(0, "", {})
        self.tally.record(path, response, time.monotonic() - started)
        return response


def guest_checkout(visitor: Visitor, product, quantity: int, checking_out=None) -> str | None:
    """Add to cart and check out as a guest; the order number the confirmation page showed."""
    added = visitor.post_form(
        CART_ADD, {"product_id": product.pk, "quantity": quantity, "next": CHECKOUT}, token_from=product.url
    )
    if added.status != 200:
        return None
    if checking_out is not None:
        checking_out.set()
    try:
        done = visitor.post_form(CHECKOUT, ADDRESS)
    finally:
        if checking_out is not None:
            checking_out.clear()
    confirmed = CONFIRMED.search(done.text)
    return confirmed.group(1) if done.status == 200 and confirmed else None


def browse(visitor: CountingVisitor, pages: list[str], products: list, stop_at: float, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(MAX_ROUNDS):
        if time.monotonic() >= stop_at:
            return
        search = "/search/?" + urlencode({"q": rng.choice(["knife", "pan", "board steel"])})
        for path in (*pages, rng.choice(products).url, search):
            visitor.get(path)


def buy(visitor: CountingVisitor, products: list, stop_at: float, seed: int, checking_out) -> None:
    rng = random.Random(seed)
    for _ in range(MAX_ROUNDS):
        if time.monotonic() >= stop_at:
            return
        try:
            number = guest_checkout(visitor, rng.choice(products), rng.randint(1, 2), checking_out)
        except AssertionError as error:  # a form came back without its CSRF token
            visitor.tally.fail("form", error)
        else:
            if number:
                visitor.tally.confirm(number)


def wait_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))


def reconcile_stock(products) -> int:
    """Stock plus units sold is the opening stock for each product, and the ledger agrees."""
    for product in products:
        product.refresh_from_db()
        sold = (
            OrderLine.objects.filter(product=product)
            .exclude(order__status=Order.Status.CANCELLED)
            .aggregate(total=Sum("quantity"))["total"]
            or 0
        )
        assert product.stock + sold == OPENING_STOCK, (product.title, product.stock, sold)
        ledger = StockMovement.objects.filter(product=product)
        assert (ledger.aggregate(total=Sum("change"))["total"] or 0) == -sold, product.title
        latest = ledger.first()
        assert latest is None or latest.stock_after == product.stock, product.title
    return len(products)


def test_redis_killed_mid_traffic_loses_no_order_and_answers_no_5xx(
    start_gunicorn, own_redis, settings, kitchen, knives
):
    # Images, so pages look renditions up in the cache as well as cards and pages: the
    # sharing image of every page without its own is the site-wide default's rendition.
    SeoSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"default_og_image": make_image("Sharing")}
    )
    products = [
        add_product(knives, title=f"Chef knife {n}", price=Decimal("40.00"), stock=OPENING_STOCK)
        for n in range(3)
    ] + [add_product(kitchen, title="Cast iron pan", price=Decimal("55.00"), stock=OPENING_STOCK)]
    server = start_gunicorn(
        workers=2,
        env={
            "REDIS_URL": own_redis.url,
            "CELERY_BROKER_URL": own_redis.url,
            # As in production: tasks go to the broker, which is this Redis, and no worker takes them.
            "TEST_CELERY_TASK_ALWAYS_EAGER": "false",
            "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        },
    )
    tally = Tally()
    # Every page and its images rendered once before the clock starts, as on a site in use.
    warm = CountingVisitor(server, tally)
    for path in ["/", kitchen.url, knives.url, *(product.url for product in products)]:
        warm.get(path)
    started = time.monotonic()
    stop_at = started + LOOP_SECONDS
    checking_out = threading.Event()
    pages = ["/", kitchen.url, knives.url]
    shoppers = [
        threading.Thread(target=browse, args=(CountingVisitor(server, tally), pages, products, stop_at, n))
        for n in range(BROWSERS)
    ] + [
        threading.Thread(
            target=buy, args=(CountingVisitor(server, tally), products, stop_at, BROWSERS + n, checking_out)
        )
        for n in range(BUYERS)
    ]
    for shopper in shoppers:
        shopper.start()

    wait_until(started + KILL_AT)
    checking_out.wait(timeout=3)
    with tally.lock:  # no request is counted in the wrong phase
        tally.phase = "outage"
        own_redis.kill()
    wait_until(started + RESTART_AT)
    own_redis.start()
    with tally.lock:
        tally.phase = "after"
    for shopper in shoppers:
        shopper.join(timeout=LOOP_SECONDS + 60)
    elapsed = time.monotonic() - started
    start_gunicorn.stop(server)

    database_orders = dict(
        Order.objects.filter(email=ADDRESS["email"]).values_list("number", "pk").order_by("number")
    )
    reconciled = reconcile_stock(products)
    report(
        f"Redis outage: {sum(tally.requests.values())} requests in {elapsed:.1f}s "
        f"(before/outage/after: {tally.requests['before']}/{tally.requests['outage']}/{tally.requests['after']}), "
        f"{len(tally.server_errors)} x 5xx, {len(tally.failures)} without an answer, "
        f"page-cache hits {tally.cache_hits['before']}/{tally.cache_hits['outage']}/{tally.cache_hits['after']}, "
        f"{len(tally.confirmed)} orders confirmed "
        f"({tally.orders['before']}/{tally.orders['outage']}/{tally.orders['after']}), "
        f"{len(database_orders)} in the database, {reconciled} products' stock reconciled; "
        f"slowest request per phase: {tally.slowest}"
    )
    log = start_gunicorn.log_tail(server)
    assert not tally.server_errors, (tally.server_errors[:3], log)
    assert not tally.failures, (tally.failures[:3], log)
    assert not any(shopper.is_alive() for shopper in shoppers)
    # Traffic flowed, with the page cache in use, before, during and after the outage.
    assert all(tally.requests[phase] for phase in ("before", "outage", "after")), tally.requests
    assert tally.cache_hits["before"] and tally.cache_hits["after"], tally.cache_hits
    assert tally.orders["outage"], "no checkout completed while Redis was down"
    # Every confirmed order is there, with its lines, and no order the shopper was not shown.
    assert sorted(tally.confirmed) == sorted(database_orders), (tally.confirmed, database_orders)
    assert not Order.objects.filter(pk__in=database_orders.values(), lines__isnull=True).exists()


def test_checkout_completes_and_emails_the_guest_while_the_broker_is_down(start_gunicorn, knives, tmp_path):
    product = add_product(knives, title="Bread knife", stock=5, image=False)
    mail = tmp_path / "mail"
    server = start_gunicorn(
        env={
            "TEST_CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "TEST_EMAIL_FILE_PATH": str(mail),
        }
    )
    visitor = Visitor(server)

    started = time.monotonic()
    number = guest_checkout(visitor, product, 2)
    seconds = time.monotonic() - started
    start_gunicorn.stop(server)

    report(f"Broker down: guest checkout confirmed as {number} in {seconds:.1f}s")
    assert number, start_gunicorn.log_tail(server)
    order = Order.objects.get(number=number)
    assert order.lines.get().quantity == 2
    messages = [message_from_bytes(path.read_bytes()) for path in sorted(mail.iterdir())]
    assert [(message["To"], message["Subject"]) for message in messages] == [
        (ADDRESS["email"], f"Your order {number}")
    ]


def test_with_the_database_down_health_is_503_pages_are_friendly_500s_and_cached_pages_still_serve(
    start_gunicorn, knives
):
    cached_product = add_product(knives, title="Cached knife", image=False)
    other_product = add_product(knives, title="Uncached knife", image=False)
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    through_proxy = database_url().replace(f":{db['PORT'] or 5432}/", f":{proxy.port}/")
    server = start_gunicorn(env={"DATABASE_URL": through_proxy})
    visitor = Visitor(server)
    assert visitor.get(cached_product.url).status == 200
    assert visitor.get(cached_product.url).headers.get("X-Page-Cache") == "hit"

    proxy.close()
    health = visitor.get("/healthz")
    page = Visitor(server).get(other_product.url)
    search = Visitor(server).get("/search/?q=knife")
    cached = Visitor(server).get(cached_product.url)
    start_gunicorn.stop(server)

    report(
        f"Database down: /healthz {health.status} {health.text}; uncached page {page.status}, "
        f"search {search.status}, cached page {cached.status} ({cached.headers.get('X-Page-Cache')})"
    )
    assert health.status == 503
    assert json.loads(health.text) == {"status": "error", "database": "error", "cache": "ok"}
    for response in (page, search):
        assert response.status == 500
        assert response.headers["Content-Type"].startswith("text/html")
        assert FRIENDLY_500 in response.text and "Traceback" not in response.text
    # The page cache needs no database: pages already cached keep serving.
    assert cached.status == 200 and cached.headers.get("X-Page-Cache") == "hit"
    assert "Cached knife" in cached.text
