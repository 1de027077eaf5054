"""Product feed benchmark: peak memory while /feeds/products.xml streams, at 2,000 and 100,000 products.

Usage (from the repository root, PostgreSQL and Redis running):

    .venv/bin/python bench/feed_memory.py [--sizes 2000,100000]
        [--database-url postgres://postgres@127.0.0.1:5432/wagtailshop_feed_bench]
        [--redis-url redis://127.0.0.1:6379/3]

For each size it tops the catalogue up to that many products in bulk (the loader of
``bench/search_speed.py``: bulk inserts, no search index, no revisions; a later run
reuses them), then streams the feed through Django's test client (no network) twice:
cold, built from the database chunk by chunk, and warm, replayed from the cache. The
cache is Redis, as in production, so cached chunks do not count as process memory.

It prints, per stream: items and bytes, seconds, the Python heap's peak above the
starting point (``tracemalloc``), and the process's resident memory (RSS) at the start
and at its highest while streaming (read from /proc after every chunk). A feed that is
flat in memory has the same peaks at both sizes.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import ensure_database, in_process_django  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wagtailshop_feed_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/3"
LOAD_STEP = 10_000


def rss_mb() -> float:
    """The process's resident set size now, in MB (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def top_up(size: int) -> None:
    """Bulk-load products up to ``size``, a step at a time under a progress bar."""
    from bench.search_speed import load_products
    from catalogue.models import ProductPage
    from home.demo.progress import progress

    have = ProductPage.objects.count()
    targets = [*range(have - have % LOAD_STEP + LOAD_STEP, size, LOAD_STEP), size] if have < size else []
    for target in progress(targets, total=len(targets), label=f"Products up to {size:,}", stream=sys.stdout):
        load_products(target)


def stream_once(client, label: str) -> dict:
    from catalogue import feeds
    from home.demo.progress import progress

    # The head, a piece per chunk of products, the tail: what the progress bar counts.
    pieces = -(-feeds.feed_products().count() // feeds.FEED_CHUNK_SIZE) + 2
    tracemalloc.start()
    tracemalloc.reset_peak()
    heap_start = tracemalloc.get_traced_memory()[0]
    rss_start = rss_peak = rss_mb()
    started = time.perf_counter()
    response = client.get("/feeds/products.xml")
    assert response.status_code == 200, response.status_code
    size = items = 0
    for chunk in progress(
        response.streaming_content, total=pieces, label=f"Feed, {label}", stream=sys.stdout
    ):
        size += len(chunk)
        items += chunk.count(b"<item>")
        rss_peak = max(rss_peak, rss_mb())
    seconds = time.perf_counter() - started
    heap_peak = tracemalloc.get_traced_memory()[1] - heap_start
    tracemalloc.stop()
    return {
        "stream": label,
        "items": items,
        "MB": size / 1e6,
        "seconds": seconds,
        "heap_peak_MB": heap_peak / 1e6,
        "rss_start_MB": rss_start,
        "rss_peak_MB": rss_peak,
    }


def format_row(row: dict) -> str:
    return (
        f"{row['products']:>9,} {row['stream']:<16} {row['items']:>8,} {row['MB']:>7.1f} "
        f"{row['seconds']:>7.1f} {row['heap_peak_MB']:>13.1f} {row['rss_start_MB']:>13.0f} {row['rss_peak_MB']:>12.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,100000", help="comma-separated catalogue sizes, ascending")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    ensure_database(args.database_url)
    in_process_django(
        args.database_url, Path(tempfile.gettempdir()) / "shop-feed-bench-media", redis_url=args.redis_url
    )
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    header = (
        f"{'products':>9} {'stream':<16} {'items':>8} {'MB':>7} {'s':>7} "
        f"{'heap peak MB':>13} {'RSS start MB':>13} {'RSS peak MB':>12}"
    )
    rows = []
    for size in sizes:
        top_up(size)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # plans from fresh row counts, as autovacuum would give
        cache.clear()  # cold: a new generation, nothing cached
        for label in ("cold (database)", "warm (cache)"):
            rows.append({"products": size, **stream_once(client, label)})
            print(header + "\n" + format_row(rows[-1]), flush=True)

    print("\n" + header)
    for row in rows:
        print(format_row(row))
    print(f"\n{len(rows)} feed streams measured over {len(sizes)} catalogue sizes.")


if __name__ == "__main__":
    main()
