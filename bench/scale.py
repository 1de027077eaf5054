"""Scale benchmark: the demo load, the sitemap, category listings, the admin explorer and the API at several sizes.

Usage (from the repository root, PostgreSQL running; REDIS_URL optional but production-like):

    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/scale.py \\
        [--sizes 2000,20000,100000] [--database-prefix shop_scale]

Each size has a PostgreSQL database of its own, ``<prefix>_<size>``, kept between runs
with its pictures (bench/.media/). The first run at a size times ``manage.py
load_demo_data --products <size>`` (wall clock and the loader's CPU time) and records it
next to the pictures, with the CPU time of the PostgreSQL backends that served it (read
from /proc while it runs) and the machine's load average before and after; later runs
reuse the database and print the recorded figures.

Then, in a process with production settings over that database (and REDIS_URL's
cache), through Django's test client (no network), with every cache emptied before
each measured request (renditions already made by a first visit):

- the sitemap: the files /sitemap.xml leads to, the most URLs in one file, the time to
  read them all cold and warm, and the peak Python memory of the cold read (tracemalloc);
- the largest category's listing, first page and a deep page: SQL queries and latency;
- the Wagtail admin's page explorer for that category as a superuser, first and deep page;
- the storefront API's product list (/api/v1/products/), first and a deep page.

Latencies are medians of ``--rounds`` cold requests, wall clock and this process's CPU
time. The machine is shared and noisy:
compare the ratios within one run.
"""

import argparse
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import _admin_connection, bench_env, ensure_database, media_folder  # noqa: E402

DEFAULT_SIZES = "2000,20000,100000"
LISTING_PAGE = 24  # the category page's and the API's page size
EXPLORER_PAGE = 50  # Wagtail's explorer lists 50 rows a page


def load(database_url: str, products: int) -> dict:
    """Migrate and load the demo at ``products``, once; the time is kept with the pictures."""
    media_root = media_folder(database_url)
    media_root.mkdir(parents=True, exist_ok=True)
    record_path = media_root / "scale-load.json"
    record = json.loads(record_path.read_text()) if record_path.exists() else {}
    if record.get("products") == products:
        return record | {"reused": True}
    ensure_database(database_url)
    env = bench_env(database_url, media_root)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()
    started = time.perf_counter()
    with PostgresCpu(database_url) as postgres:
        subprocess.run(
            [sys.executable, "manage.py", "load_demo_data", "--products", str(products)],
            cwd=ROOT,
            env=env,
            check=True,
        )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    record = {
        "products": products,
        "load_wall_s": round(wall, 1),
        "load_cpu_s": round(cpu, 1),
        # None where PostgreSQL runs elsewhere (its processes are not in this machine's /proc).
        "postgres_cpu_s": None if postgres.seconds is None else round(postgres.seconds, 1),
        "load_average_before": [round(value, 1) for value in load_before],
        "load_average_after": [round(value, 1) for value in os.getloadavg()],
    }
    record_path.write_text(json.dumps(record))
    return record | {"reused": False}


class PostgresCpu:
    """CPU time of the PostgreSQL backends serving one database while the block runs.

    Every half second it lists the database's backends (pg_stat_activity) and reads each
    one's user and system time from /proc, keeping the last reading per process: a
    backend's time up to its last sample before it exits. Only for a PostgreSQL on this
    machine; elsewhere ``seconds`` stays None.
    """

    def __init__(self, database_url: str):
        self.database_url = database_url
        self.readings: dict[int, float] = {}
        self.seconds: float | None = None
        self._stop = threading.Event()

    def _sample(self) -> None:
        connection, name = _admin_connection(self.database_url)
        ticks = os.sysconf("SC_CLK_TCK")
        try:
            while not self._stop.is_set():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                        [name],
                    )
                    pids = [pid for (pid,) in cursor.fetchall()]
                for pid in pids:
                    try:
                        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:  # gone, or not on this machine
                        continue
                    self.readings[pid] = (int(fields[11]) + int(fields[12])) / ticks
                self._stop.wait(0.5)
        finally:
            connection.close()

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.seconds = sum(self.readings.values()) if self.readings else None


def measure(database_url: str, rounds: int) -> dict:
    """Everything but the load, in this process (Django set up here, once)."""
    os.environ.update(bench_env(database_url, media_folder(database_url)))
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from catalogue.models import CategoryPage, ProductPage

    # Production settings otherwise, but static URLs without collectstatic's manifest.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    client = Client(HTTP_HOST="127.0.0.1")

    def body_of(response) -> bytes:
        assert response.status_code == 200, (response.status_code, response.get("Location"))
        return b"".join(response.streaming_content) if response.streaming else response.content

    def cold(url: str, *, as_client=client) -> tuple[int, float, float]:
        """SQL queries of a cold request, and the median wall and CPU time of ``rounds`` of them, in ms.

        The CPU time is this process's (Python, not PostgreSQL's): on a shared machine it
        moves far less than the wall clock does."""
        body_of(as_client.get(url))  # renditions, as any earlier visitor would make them
        timings, cpu, counts = [], [], []
        for _ in range(rounds):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                body_of(as_client.get(url))
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            counts.append(len(queries))
        return max(counts), statistics.median(timings), statistics.median(cpu)

    def read_sitemap() -> tuple[int, int]:
        top = body_of(client.get("/sitemap.xml")).decode()
        if "<sitemapindex" not in top:
            return 1, top.count("<url>")
        files = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", top)]
        return len(files), max(body_of(client.get(path)).decode().count("<url>") for path in files)

    results: dict = {"live_products": ProductPage.objects.live().count()}
    cache.clear()
    started, started_cpu = time.perf_counter(), time.process_time()
    results["sitemap_files"], results["sitemap_max_urls"] = read_sitemap()
    results["sitemap_cold_s"] = time.perf_counter() - started
    results["sitemap_cold_cpu_s"] = time.process_time() - started_cpu
    started = time.perf_counter()
    read_sitemap()
    results["sitemap_warm_s"] = time.perf_counter() - started
    cache.clear()
    tracemalloc.start()
    read_sitemap()
    results["sitemap_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()

    category = CategoryPage.objects.live().order_by("-numchild", "path").first()
    children = category.numchild
    results["category_children"] = children
    deep_listing = max(1, children // LISTING_PAGE)
    results["listing_first"] = cold(category.url)
    results["listing_deep"] = cold(f"{category.url}?page={deep_listing}")

    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(get_user_model().objects.filter(is_superuser=True).order_by("pk").first())
    deep_explorer = max(1, math.ceil(children / EXPLORER_PAGE))
    results["explorer_first"] = cold(f"/admin/pages/{category.pk}/", as_client=admin)
    results["explorer_deep"] = cold(f"/admin/pages/{category.pk}/?p={deep_explorer}", as_client=admin)

    deep_api = max(1, results["live_products"] // LISTING_PAGE)
    results["api_first"] = cold(f"/api/v1/products/?page_size={LISTING_PAGE}")
    results["api_deep"] = cold(f"/api/v1/products/?page_size={LISTING_PAGE}&page={deep_api}")
    return results


def one_size(args) -> None:
    database_url = f"postgres://postgres@127.0.0.1:5432/{args.database_prefix}_{args.one}"
    results = load(database_url, args.one)
    results |= measure(database_url, args.rounds)
    print("RESULT " + json.dumps(results), flush=True)


def table(rows: dict[int, dict]) -> str:
    def pair(measured) -> str:
        queries, ms, *cpu = measured
        return f"{queries} q, {ms:.0f} ms" + (f" ({cpu[0]:.0f} ms CPU)" if cpu else "")

    lines = [
        (
            "Demo load, wall (loader CPU)",
            lambda r: f"{r['load_wall_s'] / 60:.1f} min ({r['load_cpu_s'] / 60:.1f} min)",
        ),
        (
            "Demo load, PostgreSQL CPU",
            lambda r: "?" if r.get("postgres_cpu_s") is None else f"{r['postgres_cpu_s'] / 60:.1f} min",
        ),
        (
            "Load average before / after the load",
            lambda r: " / ".join(
                f"{r[key][0]:.1f}" if r.get(key) else "?"
                for key in ("load_average_before", "load_average_after")
            ),
        ),
        ("Sitemap files / most URLs in one", lambda r: f"{r['sitemap_files']} / {r['sitemap_max_urls']:,}"),
        (
            "Sitemap read, cold (CPU) / warm",
            lambda r: (
                f"{r['sitemap_cold_s']:.1f} s ({r.get('sitemap_cold_cpu_s', 0):.1f} s) / {r['sitemap_warm_s']:.2f} s"
            ),
        ),
        ("Sitemap peak memory (cold)", lambda r: f"{r['sitemap_peak_mb']:.1f} MB"),
        ("Largest category (products)", lambda r: f"{r['category_children']:,}"),
        ("Category page 1, cold", lambda r: pair(r["listing_first"])),
        ("Category deep page, cold", lambda r: pair(r["listing_deep"])),
        ("Admin explorer page 1", lambda r: pair(r["explorer_first"])),
        ("Admin explorer deep page", lambda r: pair(r["explorer_deep"])),
        ("API product list page 1", lambda r: pair(r["api_first"])),
        ("API product list deep page", lambda r: pair(r["api_deep"])),
    ]
    sizes = sorted(rows)
    header = ["", *(f"{size:,} products" for size in sizes)]
    body = [[label, *(render(rows[size]) for size in sizes)] for label, render in lines]
    widths = [max(len(row[column]) for row in [header, *body]) for column in range(len(header))]

    def line(cells):
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, body)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="comma-separated product counts")
    parser.add_argument("--database-prefix", default="shop_scale")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, in a process of its own
    args = parser.parse_args()
    if args.one:
        one_size(args)
        return
    rows = {}
    for size in (int(size) for size in args.sizes.split(",")):
        print(f"{size:,} products…", flush=True)
        command = [sys.executable, __file__, "--one", str(size), "--database-prefix", args.database_prefix]
        output = subprocess.run(
            [*command, "--rounds", str(args.rounds)], cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
        )
        result = next(line for line in output.stdout.splitlines() if line.startswith("RESULT "))
        rows[size] = json.loads(result.removeprefix("RESULT "))
        print(f"  {json.dumps(rows[size])}", flush=True)
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
