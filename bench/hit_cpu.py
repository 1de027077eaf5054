"""CPU time of one warm page-cache hit, in-process, next to a static file's: no server, no network.

Usage (a database loaded by bench/page_speed.py, and Redis):

    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/hit_cpu.py [--hits 20000] [--profile]

Each request goes through the WSGI application gunicorn serves, with production settings, as a first-time
visitor with no cookies (as wrk sends them), then as a returning visitor with a CSRF cookie.
It prints the CPU milliseconds per request (``time.process_time``, the best of three rounds);
``--profile`` prints cProfile's top functions for product-page hits.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import bench_env, media_folder  # noqa: E402


def environ(path: str, cookie: str = "") -> dict:
    path, _, query = path.partition("?")
    request = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if cookie:
        request["HTTP_COOKIE"] = cookie
    return request


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hits", type=int, default=20000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    database_url = os.environ["DATABASE_URL"]
    os.environ.update(bench_env(database_url, media_folder(database_url)))

    import django

    django.setup()
    from catalogue.models import CategoryPage, ProductPage
    from mysite.wsgi import application as handler  # what gunicorn serves: the front, then Django

    product = ProductPage.objects.live().filter(stock__gt=0).order_by("pk").first().url
    category = CategoryPage.objects.live().filter(depth=3).first().url
    sub_category = CategoryPage.objects.live().filter(depth=4).first().url
    statuses = []

    def start_response(status, headers):
        statuses.append((status, headers))

    def get(path: str, cookie: str = ""):
        body = handler(environ(path, cookie), start_response)
        content = b"".join(body)
        if hasattr(body, "close"):  # as a WSGI server does; a hit answered in front is a list
            body.close()
        return statuses.pop(), content

    (status, _headers), _content = get("/static/css/site.css")
    assert status.startswith("200"), f"static file: {status} (collectstatic first)"
    search = "/search/?q=knife"
    for path in ("/", category, sub_category, product, search):
        for _ in range(3):
            (status, headers), _content = get(path)
        assert status.startswith("200") and ("X-Page-Cache", "hit") in headers, (path, status)
    cookie = dict(headers).get("Set-Cookie", "")
    returning = cookie.split(";")[0] if cookie else ""

    rows = [
        ("static file", "/static/css/site.css", ""),
        ("home", "/", ""),
        ("category", category, ""),
        ("sub-category", sub_category, ""),
        ("product", product, ""),
        ("product, cookie", product, returning),
        ("search (cached)", search, ""),
    ]
    print(f"CPU ms per request, best of 3 rounds of {args.hits} (load average {os.getloadavg()[0]:.1f})")
    for name, path, cookie in rows:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            for _ in range(args.hits):
                get(path, cookie)
            best = min(best, (time.process_time() - started) / args.hits * 1000)
        print(f"{name:<18}{best:.4f}")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.hits):
            get(product)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
