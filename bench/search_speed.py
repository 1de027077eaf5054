"""Search benchmark: Wagtail search against the original icontains query, on a big PostgreSQL catalogue.

Usage (from the repository root, PostgreSQL running):

    .venv/bin/python bench/search_speed.py [--products 100000] [--rounds 5]
        [--database-url postgres://postgres@127.0.0.1:5432/wagtailshop_search_bench]

It creates the database if needed, migrates it and loads the demo category tree and
brands, then adds products in bulk: ``bulk_create`` of the page rows with their
tree paths worked out here, one multi-row insert for the product rows, tags and
gallery rows, and finally ``update_index``. A later run reuses the products already
there (``--reload`` starts afresh). It then times, in-process and for 20 realistic
queries, median and p95 over ``--rounds`` rounds:

- Wagtail search (``ProductSearch.result_page``: live, public, ranked; the first page of
  ids and the number of matches, as the search page asks for them; never cached);
- the original ``Q(title__icontains=q) | Q(short_description__icontains=q)`` (count plus
  the first page, newest first, as it had no ranking);
- the whole ``/search/`` page and the ``/search/suggest/`` endpoint through Django's test
  client (no network; the page includes facets, stories, categories and the hit count).
  The page is timed three times: rendered in a new content generation before every
  request, as right after a publish (nothing keyed by the generation is cached); rendered
  again, its page of results and facet counts coming from the cache; and answered whole
  from the page cache, as an anonymous visitor's repeated search is (decision 69).

The machine is shared and noisy: compare the ratios within one run.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import drop_database, ensure_database, in_process_django  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wagtailshop_search_bench"
BATCH = 2000
GALLERY_IMAGES = 12
SEED = 7

# What shoppers type: product kinds, materials, makers, two-word and quoted queries.
QUERIES = [
    "knife",
    "santoku",
    "chef's knife",
    "bread knife",
    "frying pan",
    "cast iron",
    "dutch oven",
    "wok",
    "carbon steel",
    "stainless steel saucepan",
    '"cast iron" pan',
    "olive wood",
    "walnut",
    "teapot",
    "grinder",
    "porcelain",
    "induction",
    "nordhaus",
    "gift",
    "handmade",
]
SUGGEST_PREFIXES = ["kn", "san", "chef", "fry", "cast", "dut", "wo", "carb", "tea", "grin", "porc", "wal"]


class Stopwatch:
    def __init__(self, label: str):
        self.label = label

    def __enter__(self):
        self.started = time.perf_counter()
        print(f"{self.label}…", end="", flush=True)
        return self

    def __exit__(self, *exc):
        print(f" {time.perf_counter() - self.started:.1f}s", flush=True)


def load_products(count: int) -> int:
    """Add products until there are `count`, in bulk; returns how many were added."""
    import io

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from django.utils.text import slugify
    from wagtail.models import Locale, Page

    from catalogue.demo import vocabulary as words
    from catalogue.demo.loader import (
        TOP_CATEGORY_OF,
        CatalogueSummary,
        build_product,
        ensure_tags,
        load_brands,
        load_categories,
    )
    from catalogue.models import ProductGalleryImage, ProductPage, ProductTag
    from home.demo.images import generate_image

    existing = ProductPage.objects.count()
    if existing >= count:
        return 0
    home_page = Page.objects.get(depth=2).specific
    quiet = io.StringIO()
    now = timezone.now()
    summary = CatalogueSummary()
    with Stopwatch("Category tree and brands"):
        subcategories = load_categories(
            seed=SEED, stdout=quiet, home_page=home_page, now=now, summary=summary
        )
        brands = load_brands(seed=SEED, stdout=quiet, summary=summary)
        tags = ensure_tags(words.TAGS + tuple({tag for _, sub in subcategories.values() for tag in sub.tags}))
        images = [
            generate_image(f"Bench product {n}", seed=SEED * 100 + n, size=(400, 400))
            for n in range(GALLERY_IMAGES)
        ]

    product_type = ContentType.objects.get_for_model(ProductPage)
    locale_id = Locale.get_default().pk
    sub_slugs = sorted(subcategories)
    rng = random.Random(SEED)
    plan = defaultdict(int)
    for _ in range(count - existing):
        plan[rng.choice(sub_slugs)] += 1

    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    product_fields = ProductPage._meta.local_concrete_fields
    added = 0
    with Stopwatch(f"{count - existing} products (pages, products, tags, gallery)"), transaction.atomic():
        for sub_slug, how_many in plan.items():
            category, sub = subcategories[sub_slug]
            category.refresh_from_db()
            last = category.get_last_child()
            next_step = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
            taken = set(category.get_children().values_list("slug", flat=True))
            for start in range(0, how_many, BATCH):
                products = []
                for n in range(start, min(start + BATCH, how_many)):
                    index = existing + added + n
                    sku = f"BENCH-{index + 1:06d}"
                    product = build_product(
                        random.Random(f"{SEED}:{index}"),
                        sku=sku,
                        sub=sub,
                        brands=brands[TOP_CATEGORY_OF[sub_slug]],
                    )
                    slug = slugify(product.title)
                    slug = slug if slug not in taken else f"{slug}-{sku.lower()}"
                    taken.add(slug)
                    published = now - datetime.timedelta(minutes=random.Random(index).randint(0, 525_600))
                    product.slug = slug
                    product.path = Page._get_path(category.path, category.depth + 1, next_step + n)
                    product.depth = category.depth + 1
                    product.numchild = 0
                    product.url_path = f"{category.url_path}{slug}/"
                    product.draft_title = product.title
                    product.content_type = product_type
                    product.locale_id = locale_id
                    product.translation_key = uuid.uuid4()
                    product.live = True
                    product.has_unpublished_changes = False
                    product.first_published_at = product.last_published_at = published
                    products.append(product)
                rows = Page.objects.bulk_create(
                    [
                        Page(**{field.attname: getattr(product, field.attname) for field in page_fields})
                        for product in products
                    ]
                )
                for product, row in zip(products, rows, strict=True):
                    product.page_ptr_id = product.id = row.pk
                ProductPage._base_manager._insert(products, fields=product_fields, using=connection.alias)
                product_tags = []
                for product in products:
                    pick = random.Random(product.sku)
                    for name in pick.sample(sub.tags, k=pick.randint(1, len(sub.tags))):
                        product_tags.append(ProductTag(content_object_id=product.pk, tag=tags[name]))
                ProductTag.objects.bulk_create(product_tags)
                ProductGalleryImage.objects.bulk_create(
                    ProductGalleryImage(
                        page_id=product.pk, image=images[product.pk % GALLERY_IMAGES], sort_order=0
                    )
                    for product in products
                )
            next_step += how_many
            Page.objects.filter(pk=category.pk).update(numchild=F("numchild") + how_many)
            added += how_many
    return added


def time_calls(functions: dict, arguments, rounds: int) -> dict[str, list[float]]:
    """Milliseconds per call of each function, interleaved so that load on a shared machine hits all alike."""
    timings = {label: [] for label in functions}
    for function in functions.values():
        for argument in arguments:  # warm caches, plans and renditions once
            function(argument)
    for _ in range(rounds):
        for argument in arguments:
            for label, function in functions.items():
                started = time.perf_counter()
                function(argument)
                timings[label].append((time.perf_counter() - started) * 1000)
    return timings


def describe(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--reload", action="store_true", help="drop the benchmark database and load it again")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("The search benchmark needs PostgreSQL (--database-url postgres://...).")

    total_started = time.perf_counter()
    media_root = Path(tempfile.gettempdir()) / "shop-search-bench-media"
    if args.reload:
        drop_database(args.database_url)
    ensure_database(args.database_url)
    with Stopwatch("Migrations"):
        in_process_django(args.database_url, media_root)
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q
    from django.test import Client, override_settings

    from catalogue.models import ProductPage
    from home.search_text import parse_query
    from home.serving.content_cache import bump_content_generation
    from search.selectors import ProductSearch

    added = load_products(args.products)
    if added:
        with Stopwatch("update_index"):
            # Bigger chunks than the default 1,000: each chunk also refreshes every
            # entry's title norm, a pass over the whole index.
            call_command("update_index", chunk_size=5000, verbosity=0)
        with Stopwatch("VACUUM ANALYZE"), connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    products = ProductPage.objects.live().count()
    print(
        f"\n{products:,} live products on {connection.settings_dict['NAME']}; {len(QUERIES)} queries × {args.rounds} rounds\n"
    )

    def wagtail_search(text):
        # As the search page asks: the first page of ranked ids and the number of matches.
        page = ProductSearch(query=parse_query(text), filters={"sort": "relevance"}).result_page(1)
        return page.total, page.ids

    def icontains(text):
        matches = ProductPage.objects.live().filter(
            Q(title__icontains=text) | Q(short_description__icontains=text)
        )
        return matches.count(), list(
            matches.order_by("-first_published_at").values_list("pk", flat=True)[:24]
        )

    client = Client(HTTP_HOST="127.0.0.1")

    def search_page(text):
        response = client.get("/search/", {"q": text})
        assert response.status_code == 200, response.status_code

    def search_page_rendered(text):
        # Rendered, not answered whole from the page cache (decision 69): what its reads cost.
        with override_settings(PAGE_CACHE_SECONDS=0):
            search_page(text)

    def search_page_new_generation(text):
        bump_content_generation()
        search_page(text)

    def suggest(prefix):
        response = client.get("/search/suggest/", {"q": prefix})
        assert response.status_code == 200, response.status_code

    found = {text: (wagtail_search(text)[0], icontains(text)[0]) for text in QUERIES}
    rows = {
        **time_calls(
            {
                "Wagtail search (count + page)": wagtail_search,
                "icontains (count + page)": icontains,
                # New generation first: the repeat right after it finds its results cached.
                "/search/ page, new generation": search_page_new_generation,
                "/search/ page (cached)": search_page_rendered,
                "/search/ page, page-cache hit": search_page,
            },
            QUERIES,
            args.rounds,
        ),
        **time_calls({"/search/suggest/": suggest}, SUGGEST_PREFIXES, args.rounds),
    }
    print(f"{'':<32}{'median ms':>10}{'p95 ms':>10}")
    medians = {}
    for label, timings in rows.items():
        median, p95 = describe(timings)
        medians[label] = median
        print(f"{label:<32}{median:>10.1f}{p95:>10.1f}")
    ratio = medians["icontains (count + page)"] / medians["Wagtail search (count + page)"]
    print(f"\nicontains / Wagtail search (medians): {ratio:.1f}x")
    print(f"\n{'Per query':<30}{'matches':>9}{'ms':>7}   {'icontains':>9}{'ms':>7}")
    per_query = len(QUERIES)
    search_timings = rows["Wagtail search (count + page)"]
    icontains_timings = rows["icontains (count + page)"]
    for position, (text, (search_count, icontains_count)) in enumerate(found.items()):
        search_ms = statistics.median(search_timings[position::per_query])
        icontains_ms = statistics.median(icontains_timings[position::per_query])
        print(
            f"  {text!r:<28}{search_count:>9,}{search_ms:>7.1f}   {icontains_count:>9,}{icontains_ms:>7.1f}"
        )
    print(f"\nTotal run: {time.perf_counter() - total_started:.0f}s")


if __name__ == "__main__":
    main()
