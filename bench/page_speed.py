"""Catalogue page benchmark: SQL queries per page (cold cache) and req/s under gunicorn.

Usage (from the repository root, after `make install-dev`):

    .venv/bin/python bench/page_speed.py [--products 2000] [--workers 2] [--seconds 10]

It builds a throwaway SQLite database (or uses DATABASE_URL), loads the demo
catalogue, counts queries in-process, then serves the site with gunicorn and
measures each page type plus a static file as the yardstick.  Compare ratios
within one run: this machine is shared and noisy.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._http import hammer  # noqa: E402


def bench_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mysite.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY="bench-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL="WARNING",
        # No worker runs during the benchmark: do background work in-process.
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def sample_urls(env: dict) -> dict:
    script = (
        "import django, json; django.setup();"
        "from catalogue.models import CategoryPage, ProductPage;"
        "cat = CategoryPage.objects.live().filter(depth=3).first();"
        "sub = CategoryPage.objects.live().filter(depth=4).first();"
        "prods = list(ProductPage.objects.live().order_by('pk')[:20]);"
        "print(json.dumps({'home': '/', 'category': cat.url, 'subcategory': sub.url,"
        "'product': prods[0].url, 'products': [p.url for p in prods]}))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True)
    import json

    return json.loads(out.stdout.decode().strip().splitlines()[-1])


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
    import json

    out = subprocess.run(
        [sys.executable, "-c", script, json.dumps(urls)], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="shop-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = bench_env(database_url)
    env["MEDIA_ROOT"] = str(workdir / "media")

    print(f"Database: {database_url.split('@')[-1]}  products: {args.products}")
    manage(env, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    manage(env, "load_demo_data", "--products", str(args.products))
    print(f"load_demo_data: {time.perf_counter() - started:.1f}s")
    manage(env, "collectstatic", "--noinput", "-v0")

    urls = sample_urls(env)
    pages = {"home": urls["home"], "category": urls["category"], "subcategory": urls["subcategory"]}
    pages["product"] = urls["product"]
    queries = count_queries(env, list(pages.values()))

    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{args.port}"],
        cwd=ROOT,
        env={**env, "WEB_CONCURRENCY": str(args.workers)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(args.port)
        static_path = "/static/css/site.css"
        targets = {"static file": [static_path], **{name: [url] for name, url in pages.items()}}
        targets["20 products"] = urls["products"]
        for paths in targets.values():
            hammer("127.0.0.1", args.port, paths, 2, 1.0)  # warm up workers and renditions
        print()
        print(f"{'page':<14}{'queries':>8}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'5xx':>5}{'vs static':>11}")
        baseline = None
        for name, paths in targets.items():
            result = hammer("127.0.0.1", args.port, paths, args.connections, args.seconds)
            baseline = baseline or result.rps
            query_count = queries.get(paths[0], [None, "-"])[1] if len(paths) == 1 else "-"
            print(
                f"{name:<14}{query_count!s:>8}{result.rps:>10.1f}{result.median_ms:>9.1f}"
                f"{result.percentile(95):>9.1f}{result.server_errors:>5}{result.rps / baseline:>10.2f}x"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
