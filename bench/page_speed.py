"""Catalogue page benchmark: SQL queries per page (cold cache) and req/s under gunicorn.

Usage (from the repository root, after `make install-dev`):

    .venv/bin/python bench/page_speed.py [--products 2000] [--workers 2] [--seconds 10] [--accept-gzip]

It builds a throwaway SQLite database (or uses DATABASE_URL), loads the demo
catalogue, counts queries in-process, then serves the site with gunicorn and
measures each page type, popular searches (cached) and searches nobody made before,
and a static file as the yardstick, with wrk
(Debian's ``wrk`` package) when it is installed, else with a stdlib client whose
own CPU use flatters small responses.  The static file is measured again after each
row, and each row is compared with the static file measured either side of it.  It ends
with the workers' memory.  Compare ratios within one run: this machine is shared and noisy.
"""

import functools
import json
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._http import hammer, wrk  # noqa: E402
from bench._server import benchmark_site, gunicorn, sample_urls, server_arguments, worker_rss_mb  # noqa: E402

# Rows answered from the page cache.
CACHED_ROWS = ("home", "category", "subcategory", "product", "20 products", "search")
SEARCH_QUERIES = ["knife", "cast iron", "teapot", "walnut", "stainless steel saucepan", "gift"]
# Searches that nobody made before: each request of the row asks for a distinct lowest price.
NEW_SEARCHES = 20_000


def new_searches() -> list[str]:
    """The six queries, each with a lowest price of its own (1 cent steps): every request renders anew."""
    return [
        f"/search/?q={quote_plus(SEARCH_QUERIES[n % len(SEARCH_QUERIES)])}"
        f"&min_price={(n // len(SEARCH_QUERIES) + 1) / 100:.2f}"
        for n in range(NEW_SEARCHES)
    ]


def count_queries(env: dict, urls: list[str]) -> dict:
    script = (
        "import django, json, sys; django.setup();"
        "from django.core.cache import cache; from django.db import connection;"
        "from django.test import Client; from django.test.utils import CaptureQueriesContext;"
        "client = Client(HTTP_HOST='127.0.0.1'); result = {};"
        "urls = json.loads(sys.argv[1])\n"
        "for url in urls:\n"
        "    client.get(url); cache.clear()\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        status = client.get(url).status_code\n"
        "    result[url] = [status, len(ctx.captured_queries)]\n"
        "print(json.dumps(result))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, json.dumps(urls)], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def warm_until_hits(port: int, paths: list[str], timeout: float = 120.0) -> int:
    """Request each path (as a visitor with no cookies) until the page cache answers it; returns how many are."""
    deadline = time.monotonic() + timeout
    warm = 0
    for path in paths:
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                response.read()
                if response.headers.get("X-Page-Cache") == "hit":
                    warm += 1
                    break
    return warm


def row(name: str, query_count, result, static_rps: float) -> str:
    return (
        f"{name:<14}{query_count!s:>8}{result.rps:>10.1f}{result.median_ms:>9.1f}"
        f"{result.percentile(99):>9.1f}{result.server_errors + result.errors:>6}"
        f"{static_rps:>9.0f}{result.rps / static_rps:>10.2f}x"
    )


def main() -> None:
    parser = server_arguments(__doc__.splitlines()[0], connections=8, seconds=10, port=8765)
    parser.add_argument(
        "--python-client", action="store_true", help="use the stdlib client even if wrk is installed"
    )
    parser.add_argument(
        "--accept-gzip",
        action="store_true",
        help="send Accept-Encoding: gzip with every request, as browsers do (wrk sends none by default)",
    )
    args = parser.parse_args()
    headers = {"Accept-Encoding": "gzip"} if args.accept_gzip else None

    env = benchmark_site(args, "bench")
    urls = sample_urls(env)
    pages = {name: urls[name] for name in ("home", "category", "subcategory", "product")}
    queries = count_queries(env, list(pages.values()))

    # gunicorn.conf.py restarts a worker after 2,000 (+ up to 200) requests. At these
    # rates both workers reach that within a second of each other, every few seconds, and
    # boot again together, leaving no worker for one to five seconds: whichever row caught
    # such a gap measured the restarts, not its pages. The rows measure the steady state.
    env = {**env, "GUNICORN_MAX_REQUESTS": "0"}
    with gunicorn(env, args.port, args.workers) as server:
        targets = {"static file": ["/static/css/site.css"], **{name: [url] for name, url in pages.items()}}
        targets["20 products"] = urls["products"]
        # Popular searches come from the page cache like pages (decision 69)...
        targets["search"] = [f"/search/?q={quote_plus(query)}" for query in SEARCH_QUERIES]
        for paths in targets.values():
            hammer("127.0.0.1", args.port, paths, 2, 1.0)  # warm up workers and renditions
        # A page row measures warm hits: each path is rendered (renditions and all) and
        # stored before its row starts. A fixed second of warm-up left some of the 20
        # products cold, and their first renders inside the timed row pulled it down.
        cold = [path for name, paths in targets.items() if name in CACHED_ROWS for path in paths]
        print(f"Warm page-cache hits before the rows: {warm_until_hits(args.port, cold)}/{len(cold)} paths")
        load = wrk if shutil.which("wrk") and not args.python_client else hammer
        measure = functools.partial(load, headers=headers)
        print(
            f"\nLoad generator: {'wrk' if load is wrk else 'Python threads'}, {args.seconds:.0f} s per row"
            f"{', Accept-Encoding: gzip' if headers else ', no Accept-Encoding'}"
        )
        print(
            f"{'page':<14}{'queries':>8}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'fails':>6}"
            f"{'static':>9}{'vs static':>11}"
        )
        static_paths = targets.pop("static file")
        static = measure("127.0.0.1", args.port, static_paths, args.connections, args.seconds)
        print(row("static file", "-", static, static.rps))
        statics = [static.rps]
        for name, paths in targets.items():
            result = measure("127.0.0.1", args.port, paths, args.connections, args.seconds)
            # The static file again after each row: a row is compared with the static file
            # measured either side of it, so load from other work that comes and goes during
            # the run shifts both alike.
            statics.append(measure("127.0.0.1", args.port, static_paths, args.connections, args.seconds).rps)
            query_count = queries.get(paths[0], [None, "-"])[1] if len(paths) == 1 else "-"
            print(row(name, query_count, result, (statics[-2] + statics[-1]) / 2))
        # ...and a search nobody made yet runs the search, facets included, and renders it.
        # One wrk thread, so its connections share one walk through the distinct paths.
        if load is wrk:
            result = wrk(
                "127.0.0.1",
                args.port,
                new_searches(),
                args.connections,
                args.seconds,
                threads=1,
                headers=headers,
            )
            statics.append(measure("127.0.0.1", args.port, static_paths, args.connections, args.seconds).rps)
            print(row("new searches", "-", result, (statics[-2] + statics[-1]) / 2))
        else:
            print("new searches: skipped (the stdlib client's threads would repeat each other's paths)")
        print(f"static file req/s across the run: {', '.join(f'{rps:.0f}' for rps in statics)}")
        rss = worker_rss_mb(server.pid)
        print(f"\ngunicorn worker RSS after the run: {', '.join(f'{size:.0f} MB' for size in rss)}")


if __name__ == "__main__":
    main()
