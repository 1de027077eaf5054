"""The page cache under churn: long-tail product traffic while an editor publishes and guests check out.

Usage (from the repository root; PostgreSQL and Redis of your own):

    DATABASE_URL=postgres://... REDIS_URL=redis://.../1 .venv/bin/python bench/churn.py [--seconds 30]

Production settings under gunicorn (bench/_server.py) with as many workers as gunicorn.conf.py
starts on the machine (five on two cores) and a Celery worker on Redis for the
background tasks, as in production; the demo catalogue (2,000 products;
the database is kept between runs). Every product page is requested once to warm the
cache, then shoppers request product pages drawn from a Zipf distribution over all
products (rank 1 most popular, a shuffled, seeded order) in three phases of equal length:

1. **quiet**: shoppers only;
2. **churn**: the same shoppers while an editor publishes an unrelated product every
   ``--publish-every`` seconds (a product that no other page shows: not featured, not
   among the newest of its category that fill "related products", in no story) and a guest
   checks out one item about every second;
3. **quiet** again.

It prints, per phase, the shoppers' throughput, the share of long-tail requests (ranks
past ``--head``) and of all requests answered from the cache (``X-Page-Cache: hit``) and
how many core-seconds the machine was busy, then the churn throughput against the mean
of the quiet phases either side of it (and against the first alone). The goal: ≥ 0.9× throughput and ≥ 90% long-tail hits.
``--churn editor`` or ``--churn guests`` keeps only one of the two in the churn phase, to
tell their costs apart; ``--workers 2`` runs the protocol used before decision 71.
Compare within one run: the machine is shared and noisy.
"""

import bisect
import contextlib
import http.client
import json
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._http import run_threads  # noqa: E402
from bench._server import (  # noqa: E402
    benchmark_site,
    gunicorn,
    production_workers,
    server_arguments,
    stop_process_group,
)

HOST = "127.0.0.1"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
GUEST = {
    "email": "bench-guest@example.com",
    "full_name": "Bench Guest",
    "address_line1": "1 High Street",
    "city": "Bristol",
    "postcode": "BS1 1AA",
    "country": "GB",
    "shipping_method": "standard",
    "payment_method": "bank_transfer",
}

CATALOGUE_SCRIPT = """
import django, json; django.setup()
from django.urls import reverse
from wagtail.models import ReferenceIndex
from catalogue.models import ProductPage, ProductRelatedProduct, StoryPage
products = list(ProductPage.objects.live().public().order_by("pk").only("id", "url_path", "path", "stock", "featured"))
shown_elsewhere = set(ProductRelatedProduct.objects.values_list("product_id", flat=True))
shown_elsewhere |= {p.pk for p in products if p.featured}
for story in StoryPage.objects.live():
    shown_elsewhere |= {int(r.to_object_id) for r in ReferenceIndex.get_references_for_object(story)
                        if r.to_object_id.isdigit()}
by_parent = {}
for product in ProductPage.objects.live().public().order_by("-featured", "-first_published_at", "pk").only("id", "path"):
    by_parent.setdefault(product.path[:-4], []).append(product.pk)
for siblings in by_parent.values():
    shown_elsewhere |= set(siblings[:5])  # the row of related products of every sibling
print(json.dumps({
    "urls": {p.pk: p.url for p in products},
    "unrelated": [p.pk for p in products if p.pk not in shown_elsewhere],
    "stocked": [p.pk for p in sorted(products, key=lambda p: -p.stock)[:40]],
    "cart_add": reverse("catalogue:cart_add"),
    "checkout": reverse("catalogue:checkout"),
}))
"""

# The editor's process starts, imports Django and connects before the quiet phase, then waits
# for the churn phase to start (a line on stdin naming when it stops): a real editor publishes
# from a server that is up already, so starting Python is no part of what churn costs.
EDITOR_SCRIPT = """
import django, json, sys, time; django.setup()
from catalogue.models import ProductPage
ids, every = json.loads(sys.argv[1]), float(sys.argv[2])
ProductPage.objects.filter(pk__in=ids).exists()
stop_at = float(sys.stdin.readline())
published = 0
while time.time() < stop_at:
    started = time.time()
    product = ProductPage.objects.get(pk=ids[published % len(ids)]).specific
    base = product.short_description.split(" (edition ")[0][:250]
    product.short_description = f"{base} (edition {published})"
    product.save_revision().publish()
    published += 1
    time.sleep(max(0.0, every - (time.time() - started)))
print(published)
"""


@dataclass
class Tally:
    requests: int = 0
    hits: int = 0
    tail: int = 0
    tail_hits: int = 0
    failures: int = 0
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, requests, hits, tail, tail_hits, failures):
        with self.lock:
            self.requests += requests
            self.hits += hits
            self.tail += tail
            self.tail_hits += tail_hits
            self.failures += failures


def zipf_sampler(count: int, exponent: float, seed: int):
    cumulative, total = [], 0.0
    for rank in range(1, count + 1):
        total += 1 / rank**exponent
        cumulative.append(total)

    def sample(rng: random.Random) -> int:
        return bisect.bisect_left(cumulative, rng.random() * total)  # a rank from 0

    return sample


def shoppers(port, ranked_urls, head, connections, seconds, exponent, seed) -> Tally:
    tally = Tally()
    sample = zipf_sampler(len(ranked_urls), exponent, seed)
    deadline = time.perf_counter() + seconds

    def shopper(number: int):
        rng = random.Random(seed * 1000 + number)
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        counts = [0, 0, 0, 0, 0]
        while time.perf_counter() < deadline:
            rank = sample(rng)
            try:
                conn.request("GET", ranked_urls[rank], headers={"Host": HOST})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                counts[4] += 1
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                continue
            if response.status != 200:
                counts[4] += 1
                continue
            hit = response.getheader("X-Page-Cache") == "hit"
            counts[0] += 1
            counts[1] += hit
            if rank >= head:
                counts[2] += 1
                counts[3] += hit
        conn.close()
        tally.add(*counts)

    tally.seconds = run_threads(shopper, connections)
    return tally


class GuestSession:
    """One guest's connection and cookies (session, CSRF), kept by hand."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Host": HOST, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=urlencode(body) if body is not None else None, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _, rest = value.split(";", 1)[0].partition("=")
                self.cookies[cookie] = rest
        return response, text

    def check_out(self, catalogue: dict, product: int) -> bool:
        """Product page, add to cart, check out as a guest; True when the order went through."""
        _response, page = self.request("GET", catalogue["urls"][str(product)])
        token = TOKEN.search(page)
        if token is None:
            return False
        form = {"csrfmiddlewaretoken": token.group(1)}
        self.request("POST", catalogue["cart_add"], {**form, "product_id": product, "quantity": 1})
        response, _text = self.request("POST", catalogue["checkout"], {**form, **GUEST})
        return response.status == 302


def guest_checkouts(port, catalogue, stop_at) -> int:
    """One guest after another, about one a second, each buying one well-stocked product."""
    rng = random.Random(7)
    orders = 0
    while time.time() < stop_at:
        guest = GuestSession(port)
        try:
            orders += guest.check_out(catalogue, rng.choice(catalogue["stocked"]))
        except (OSError, http.client.HTTPException):
            pass
        finally:
            guest.conn.close()
        time.sleep(max(0.0, 1.0 - rng.random() * 0.2))
    return orders


@contextlib.contextmanager
def celery_worker(env: dict):
    """One Celery worker on the benchmark's Redis, as production runs one beside gunicorn."""
    log_path = Path(tempfile.gettempdir()) / "shop-bench-churn-celery.log"
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "mysite", "worker", "--loglevel", "WARNING"]
            + ["--concurrency", "1", "--without-gossip", "--without-mingle"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            time.sleep(3)
            if worker.poll() is not None:
                raise SystemExit(f"The Celery worker exited with {worker.returncode}; see {log_path}")
            yield worker
        finally:
            stop_process_group(worker)


def guest_process(port, catalogue, stop_at, orders) -> None:
    orders.value = guest_checkouts(port, catalogue, stop_at)


def python(env, script, *args, background=False):
    command = [sys.executable, "-c", script, *args]
    if background:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    return subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout


def row(name, tally, extra):
    rps = tally.requests / tally.seconds if tally.seconds else 0.0
    tail = 100 * tally.tail_hits / tally.tail if tally.tail else float("nan")
    hits = 100 * tally.hits / tally.requests if tally.requests else float("nan")
    print(f"{name:<8}{rps:>9.1f}{tally.requests:>10}{tail:>12.1f}%{hits:>10.1f}%{tally.failures:>7}  {extra}")
    return rps


def main() -> None:
    parser = server_arguments(__doc__.splitlines()[0], connections=6, seconds=30, port=8110)
    # As deployed: a checkout holds a sync worker while PostgreSQL commits, so with fewer
    # workers than production starts, the guests' share of the server is overstated.
    parser.set_defaults(workers=production_workers())
    parser.add_argument("--publish-every", type=float, default=2.0)
    parser.add_argument(
        "--churn",
        choices=("both", "editor", "guests"),
        default="both",
        help="what happens in the churn phase: to tell the editor's cost from the guests'",
    )
    parser.add_argument("--zipf", type=float, default=1.0, help="the distribution's exponent")
    parser.add_argument("--head", type=int, default=100, help="ranks counted as popular, not long tail")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--cache-seconds", type=int, default=3600)
    parser.add_argument(
        "--settle", type=float, default=15.0, help="unmeasured shopper seconds before the phases"
    )
    args = parser.parse_args()

    env = benchmark_site(args, "churn")
    # Long enough to outlast warming 2,000 pages on a busy machine: what is measured is what
    # invalidation drops, not what expires (the lifetime is the same in both phases).
    env.update(SHOP_CACHE_SECONDS=str(args.cache_seconds), PAGE_CACHE_SECONDS=str(args.cache_seconds))
    catalogue = json.loads(python(env, CATALOGUE_SCRIPT).strip().splitlines()[-1])
    urls = list(catalogue["urls"].values())
    random.Random(args.seed).shuffle(urls)  # rank order: popularity has nothing to do with ids
    editor_ids = random.Random(args.seed).sample(catalogue["unrelated"], min(60, len(catalogue["unrelated"])))
    print(f"{len(urls)} product pages; the editor republishes {len(editor_ids)} unrelated ones in turn")

    # Background work (the confirmation emails, the reindex and renditions after a publish)
    # goes to a Celery worker over Redis, as in production, not into the request that queued it.
    env.update(CELERY_TASK_ALWAYS_EAGER="false")
    # Every entry dates from this run's warming: one kept from an earlier run would expire
    # in the middle of a phase (seen: 86.5% tail hits in a quiet phase an hour after the first run).
    python(env, "import django; django.setup(); from django.core.cache import cache; cache.clear()")
    with celery_worker(env), gunicorn(env, args.port, args.workers):
        warm = time.perf_counter()
        chunks = [urls[n :: args.connections] for n in range(args.connections)]
        answered = [0] * args.connections

        def warm_chunk(number: int) -> None:
            answered[number] = sum(_get(args.port, url) for url in chunks[number])

        run_threads(warm_chunk, args.connections)
        if sum(answered) < len(urls):
            # A run whose pages were not all cached measures the warming, not churn.
            raise SystemExit(f"Only {sum(answered)} of {len(urls)} product pages answered 200 while warming")
        print(
            f"Warmed every product page in {time.perf_counter() - warm:.0f} s (cache lifetime {args.cache_seconds} s)\n"
        )

        # Up and waiting (EDITOR_SCRIPT) before anything is measured.
        editor = python(env, EDITOR_SCRIPT, json.dumps(editor_ids), str(args.publish_every), background=True)
        # Unmeasured: the first seconds after warming run slower whatever follows them.
        shoppers(args.port, urls, args.head, args.connections, args.settle, args.zipf, args.seed - 1)
        print(f"{'phase':<8}{'req/s':>9}{'requests':>10}{'tail hits':>13}{'all hits':>11}{'fails':>7}")
        busy = machine_busy()
        quiet = shoppers(args.port, urls, args.head, args.connections, args.seconds, args.zipf, args.seed)
        quiet_rps = row(
            "quiet", quiet, f"no publishing, no orders; machine busy {machine_busy() - busy:.0f} core-s"
        )

        busy = machine_busy()
        stop_at = time.time() + args.seconds
        # An editor told to stop at once publishes nothing (--churn guests).
        editor.stdin.write(f"{stop_at if args.churn != 'guests' else 0}\n")
        editor.stdin.flush()
        # The guests are other people: their client runs in a process of its own, so its
        # parsing never holds the shoppers' client's interpreter lock.
        processes = multiprocessing.get_context("fork")
        orders = processes.Value("i", 0)
        guest_stop = stop_at if args.churn != "editor" else 0
        guest = processes.Process(target=guest_process, args=(args.port, catalogue, guest_stop, orders))
        guest.start()
        churn = shoppers(args.port, urls, args.head, args.connections, args.seconds, args.zipf, args.seed + 1)
        guest.join()
        published = editor.communicate(timeout=120)[0].strip().splitlines()[-1]
        churn_rps = row(
            "churn",
            churn,
            f"{published} publishes, {orders.value} guest orders; machine busy {machine_busy() - busy:.0f} core-s",
        )

        # The same quiet traffic again: churn is compared with the quiet phases either side of
        # it, so a machine that slows down or speeds up over the run moves both alike.
        busy = machine_busy()
        after = shoppers(args.port, urls, args.head, args.connections, args.seconds, args.zipf, args.seed + 2)
        after_rps = row("quiet", after, f"again, after; machine busy {machine_busy() - busy:.0f} core-s")
    either_side = (quiet_rps + after_rps) / 2
    print(f"\nThroughput under churn: {churn_rps / either_side:.2f}x quiet either side (goal >= 0.9x)")
    print(f"  against the quiet phase before it alone: {churn_rps / quiet_rps:.2f}x")
    tail = 100 * churn.tail_hits / churn.tail if churn.tail else 0.0
    print(f"Long-tail hits under churn: {tail:.1f}% (goal >= 90%)")


def machine_busy() -> float:
    """CPU seconds all cores spent busy since boot (Linux ``/proc/stat``), or NaN elsewhere."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return float("nan")
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


def _get(port: int, path: str) -> bool:
    """GET ``path``; True when it answered 200."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        response.read()
        return response.status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


if __name__ == "__main__":
    main()
