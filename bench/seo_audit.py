"""SEO audit benchmark: measuring the site and serving the report at 2,000 and 100,000 products.

Usage (from the repository root, PostgreSQL running):

    .venv/bin/python bench/seo_audit.py [--sizes 2000 100000] [--rounds 5]
        [--database-url postgres://postgres@127.0.0.1:5432/wagtailshop_seo_bench]

It creates the database if needed, migrates it and adds products in bulk with the search
benchmark's loader (`bench/search_speed.py`: demo categories and brands, then page and
product rows by bulk insert, no signals). For each size it then prints:

- a full re-measure (`manage.py seo_audit_refresh`'s work: every live page and redirect),
  with its time and SQL query count;
- re-measuring one product, as a publish does after it commits;
- the report's first page, a deep page, a filtered page and the dashboard counts through
  the admin (Django's test client, signed in as a superuser): median and p95 ms over
  ``--rounds`` and the SQL queries per request.

The machine is shared and noisy: compare sizes within one run.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._server import drop_database, ensure_database, in_process_django  # noqa: E402
from bench.search_speed import Stopwatch, load_products  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/wagtailshop_seo_bench"


def timed(function, rounds: int) -> tuple[float, float, int]:
    """(median ms, p95 ms, SQL queries of the last call) of ``function()``, after one warm-up call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()
    timings = []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            function()
            timings.append((time.perf_counter() - started) * 1000)
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], len(queries)


def measure_size(size: int, rounds: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from catalogue.models import ProductPage
    from home.models import SeoAuditEntry
    from home.seo.audit import measure_pages
    from home.seo.report import seo_audit_rows, seo_problem_counts
    from users.models import User

    added = load_products(size)
    if added:
        with Stopwatch("VACUUM ANALYZE"), connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    live = ProductPage.objects.live().count()
    print(f"\n=== {live:,} live products ===")

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        call_command("seo_audit_refresh")
        full_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE home_seoauditentry; ANALYZE home_seoauditproblem")
    entries = SeoAuditEntry.objects.count()
    with_problems = seo_audit_rows().count()
    print(
        f"Full re-measure: {full_seconds:.1f}s, {len(queries)} queries, {entries:,} pages measured, "
        f"{with_problems:,} with problems"
    )

    product_id = ProductPage.objects.live().order_by("pk").values_list("pk", flat=True).first()
    one = timed(lambda: measure_pages([product_id]), rounds)

    admin = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        email="bench-admin@example.com", password="bench-pass-123"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    last_page = max(1, -(-with_problems // 50))

    def report(params):
        def get():
            response = client.get("/admin/reports/seo-audit/", params)
            assert response.status_code == 200, response.status_code

        return get

    rows = {
        "re-measure one product": one,
        "report, first page": timed(report({}), rounds),
        f"report, last page (p={last_page})": timed(report({"p": last_page}), rounds),
        "report, filtered (thin copy, products)": timed(
            report({"problem": "thin_copy", "page_type": "catalogue.productpage"}), rounds
        ),
        "report, duplicate titles": timed(report({"problem": "title_duplicate"}), rounds),
        "dashboard counts (uncached)": timed(seo_problem_counts, rounds),
    }
    print(f"{'':<42}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
    for label, (median, p95, query_count) in rows.items():
        print(f"{label:<42}{median:>10.1f}{p95:>10.1f}{query_count:>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 100_000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--reload", action="store_true", help="drop the benchmark database and load it again")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("The SEO audit benchmark needs PostgreSQL (--database-url postgres://...).")

    total_started = time.perf_counter()
    if args.reload:
        drop_database(args.database_url)
    ensure_database(args.database_url)
    with Stopwatch("Migrations"):
        in_process_django(args.database_url, Path(tempfile.gettempdir()) / "shop-seo-bench-media")

    for size in sorted(args.sizes):
        measure_size(size, args.rounds)
    print(f"\nTotal run: {time.perf_counter() - total_started:.0f}s")


if __name__ == "__main__":
    main()
