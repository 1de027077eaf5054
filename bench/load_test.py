"""Bounded load test: many shoppers at once across a realistic page mix; no request may fail.

Usage (from the repository root, PostgreSQL and Redis running):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wagtailshop_load REDIS_URL=redis://127.0.0.1:6379/3 \\
        .venv/bin/python bench/load_test.py [--products 2000] [--connections 32] [--seconds 60]

It loads the demo catalogue (reused on a second run), starts gunicorn with production
settings and 2 workers, and runs ``--connections`` shoppers on keep-alive connections
for ``--seconds``. Each shopper keeps their own cookies and walks a weighted mix: home,
category and sub-category listings, product pages, searches, autocomplete and
add-to-cart POSTs (with the CSRF token from the product page's form). Bounded in time
and in requests per shopper. It prints req/s, p50 and p99 per kind and overall, and
exits non-zero on any error or 5xx.
"""

import http.client
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._http import run_threads  # noqa: E402
from bench._server import benchmark_site, gunicorn, sample_urls, server_arguments, worker_rss_mb  # noqa: E402

CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
SEARCHES = ["knife", "cast iron", "teapot", "walnut", "chef's knife", "stainless steel", "gift", "wok"]
PREFIXES = ["kn", "cas", "tea", "wal", "chef", "wo"]
# How often each kind of request comes up, out of 100.
MIX = {
    "home": 10,
    "category": 15,
    "subcategory": 10,
    "product": 35,
    "search": 15,
    "suggest": 8,
    "cart add": 7,
}
MAX_REQUESTS_PER_SHOPPER = 100_000


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    server_errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0

    def add(self, other: "Tally") -> None:
        for kind, values in other.latencies.items():
            self.latencies[kind].extend(values)
        for kind, count in other.errors.items():
            self.errors[kind] += count
        for kind, count in other.server_errors.items():
            self.server_errors[kind] += count

    @property
    def total_errors(self) -> int:
        return sum(self.errors.values())

    @property
    def total_server_errors(self) -> int:
        return sum(self.server_errors.values())


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))] * 1000 if ordered else float("nan")


class Shopper:
    """One visitor on one keep-alive connection, with their own session and CSRF cookies."""

    def __init__(self, host: str, port: int, site: dict, seed: int):
        self.host, self.port, self.site = host, port, site
        self.random = random.Random(seed)
        self.cookies: dict[str, str] = {}
        self.csrf_token: str | None = None
        self.connection = http.client.HTTPConnection(host, port, timeout=30)

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}/"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            raise
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def next_request(self) -> tuple[str, str, str, bytes | None, tuple[int, ...]]:
        """(kind, method, path, body, statuses that count as success)."""
        kind = self.random.choices(list(MIX), weights=list(MIX.values()))[0]
        if kind == "cart add" and self.csrf_token is None:
            kind = "product"  # a shopper adds from a product page they have seen
        site = self.site
        if kind in ("home", "category", "subcategory"):
            return kind, "GET", site[kind], None, (200,)
        if kind == "product":
            return kind, "GET", self.random.choice(site["products"]), None, (200,)
        if kind == "search":
            return kind, "GET", f"/search/?q={quote_plus(self.random.choice(SEARCHES))}", None, (200,)
        if kind == "suggest":
            return kind, "GET", f"/search/suggest/?q={self.random.choice(PREFIXES)}", None, (200,)
        form = {
            "product_id": self.random.choice(site["product_ids"]),
            "quantity": "1",
            "csrfmiddlewaretoken": self.csrf_token,
        }
        return kind, "POST", "/cart/add/", urlencode(form).encode(), (302, 303)

    def run(self, deadline: float) -> Tally:
        tally = Tally()
        for _ in range(MAX_REQUESTS_PER_SHOPPER):
            if time.perf_counter() >= deadline:
                break
            kind, method, path, body, expected = self.next_request()
            started = time.perf_counter()
            try:
                status, content = self.request(method, path, body)
            except (OSError, http.client.HTTPException):
                tally.errors[kind] += 1
                continue
            tally.latencies[kind].append(time.perf_counter() - started)
            if status >= 500:
                tally.server_errors[kind] += 1
            elif status not in expected:
                tally.errors[kind] += 1
            if kind == "product" and status == 200:
                token = CSRF_FIELD.search(content)
                self.csrf_token = token.group(1).decode() if token else self.csrf_token
        self.connection.close()
        return tally


def run_load(host: str, port: int, site: dict, connections: int, seconds: float, seed: int = 1) -> Tally:
    """``connections`` shoppers for ``seconds``; returns every latency, error and 5xx by kind."""
    total = Tally()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def shop(number: int) -> None:
        tally = Shopper(host, port, site, seed * 1000 + number).run(deadline)
        with lock:
            total.add(tally)

    total.seconds = run_threads(shop, connections)
    return total


def report(tally: Tally) -> None:
    print(f"{'kind':<13}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'5xx':>6}")
    everything = []
    for kind in MIX:
        values = tally.latencies.get(kind, [])
        everything.extend(values)
        print(
            f"{kind:<13}{len(values):>9}{len(values) / tally.seconds:>9.1f}"
            f"{percentile(values, 50):>9.1f}{percentile(values, 99):>9.1f}"
            f"{tally.errors.get(kind, 0):>8}{tally.server_errors.get(kind, 0):>6}"
        )
    median = statistics.median(everything) * 1000 if everything else float("nan")
    print(
        f"{'all':<13}{len(everything):>9}{len(everything) / tally.seconds:>9.1f}{median:>9.1f}"
        f"{percentile(everything, 99):>9.1f}{tally.total_errors:>8}{tally.total_server_errors:>6}"
    )


def main() -> None:
    parser = server_arguments(__doc__.splitlines()[0], connections=32, seconds=60, port=8766)
    args = parser.parse_args()
    env = benchmark_site(args, "load")
    site = sample_urls(env)

    with gunicorn(env, args.port, args.workers) as server:
        run_load("127.0.0.1", args.port, site, connections=4, seconds=3)  # warm up renditions and caches
        print(f"\n{args.connections} connections for {args.seconds:.0f} s:")
        tally = run_load("127.0.0.1", args.port, site, args.connections, args.seconds)
        report(tally)
        rss = worker_rss_mb(server.pid)
        print(f"gunicorn worker RSS after the run: {', '.join(f'{size:.0f} MB' for size in rss)}")
    if tally.total_errors or tally.total_server_errors:
        raise SystemExit(f"FAILED: {tally.total_errors} errors, {tally.total_server_errors} server errors")


if __name__ == "__main__":
    main()
