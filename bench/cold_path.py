"""Cold path: SQL queries per page with every cache empty, and renditions made inside the request.

Usage (from the repository root; set DATABASE_URL and REDIS_URL as for `make bench`):

    .venv/bin/python bench/cold_path.py [--products 2000]

It loads the demo catalogue under production settings (or reuses DATABASE_URL's), warms
the process the way a running worker is warm (other pages of each type), then for each
page type empties the cache (Redis: the page cache, cards, menus, searches and
Wagtail's renditions cache alike) and counts the queries of one request, in-process,
with no warm-up request before it. Rendition INSERTs are counted apart: a page that
makes one is making its pictures in a shopper's request. It measures twice: the site
as it stands, then after `manage.py make_renditions` (which a deploy runs for pictures
uploaded before the rendition registry existed; it makes nothing on an up-to-date site).
"""

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import benchmark_site, manage, server_arguments  # noqa: E402

MEASURE = """
import django, json, sys
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from catalogue.models import CategoryPage, ProductPage, StoryPage
from catalogue.pricing.promotions import forget_live_promotions

tops = list(CategoryPage.objects.live().filter(depth=3).order_by("pk")[:2])
subs = list(CategoryPage.objects.live().filter(depth=4).order_by("pk")[:2])
products = list(ProductPage.objects.live().filter(stock__gt=0).order_by("pk")[:2])
stories = list(StoryPage.objects.live().order_by("pk")[:2])
with_variants = list(ProductPage.objects.live().filter(variant_count__gte=2).order_by("pk")[:2])
top = tops[0]
pages = {
    "home": ("/", None),
    "category": (top.url, None),
    "sub-category": (subs[0].url, None),
    "product": (products[0].url, None),
    "story": (stories[0].url, None),
    "search": ("/search/", {"q": "knife"}),
    "search, filtered": ("/search/", {"q": "steel", "category": top.pk, "in_stock": "1", "sort": "price_asc"}),
}
if with_variants:
    chosen = with_variants[0].variants.order_by("sort_order", "pk").last()
    pages["product, variant"] = (with_variants[0].url, {"variant": chosen.pk})
client = Client(HTTP_HOST="127.0.0.1")
# A worker that has served other pages before (its content types and URL resolvers
# loaded), as after a Redis restart: other pages of each type, never the measured ones,
# and the content types of every model (the home page has no sibling to warm them).
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

ContentType.objects.get_for_models(*apps.get_models())
for page in (tops[1], subs[1], products[1], stories[-1], *with_variants[1:]):
    client.get(page.url)
client.get("/search/", {"q": "teapot"})
result = {}
for name, (url, params) in pages.items():
    cache.clear()
    forget_live_promotions()  # this process's copy of the live promotions, as after a restart
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url, params).status_code
    sql = [query["sql"] for query in ctx.captured_queries]
    made = sum(1 for text in sql if text.startswith('INSERT INTO "wagtailimages_rendition"'))
    result[name] = [status, len(sql), made]
print(json.dumps(result))
"""


def measure(env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE], cwd=ROOT, env=env, check=True, capture_output=True)
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def main() -> None:
    parser = server_arguments(__doc__.splitlines()[0], connections=1, seconds=1, port=8765)
    args = parser.parse_args()
    env = benchmark_site(args, "cold")

    before = measure(env)
    started = time.perf_counter()
    manage(env, "make_renditions")
    print(f"make_renditions: {time.perf_counter() - started:.1f}s")
    after = measure(env)

    print(f"\nQueries per request with every cache empty ({args.products} products, production settings)")
    print(
        f"{'page':<18}{'status':>7}{'as found':>10}{'renditions made':>17}{'after make_renditions':>23}{'made':>6}"
    )
    for name, (status, queries, made) in before.items():
        _status, queries_after, made_after = after[name]
        print(f"{name:<18}{status:>7}{queries:>10}{made:>17}{queries_after:>23}{made_after:>6}")


if __name__ == "__main__":
    main()
