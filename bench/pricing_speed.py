"""Pricing benchmark: how fast catalogue.pricing prices products as live promotions pile up.

Usage (from the repository root):

    .venv/bin/python bench/pricing_speed.py [--products 240] [--promotions 0,10,100] [--rounds 5]

It builds a throwaway SQLite database (migrations, one category, ``--products``
products, a third of them on sale), then for each promotion count publishes that many
promotions (each covering a few products, a brand or the category) and prices every
product ``--rounds`` times with ``price_for``, after one warm-up pass that loads the
promotions. It prints, per count: prices per second, microseconds per price, and the SQL
queries the timed passes made (0: the rules are loaded once per content generation).
A card page prices 24 products; a feed prices every product once.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=240)
    parser.add_argument("--promotions", default="0,10,100")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="pricing-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from wagtail.models import Site

    from catalogue.factories import BrandFactory, CategoryPageFactory, ProductPageFactory
    from catalogue.models import ProductPage, Promotion
    from catalogue.pricing import price_for

    print("Migrating a throwaway SQLite database…", flush=True)
    call_command("migrate", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    category = CategoryPageFactory(parent=home, title="Bench")
    brand = BrandFactory(name="Bench brand")
    now = timezone.now()
    for index in range(args.products):
        on_sale = index % 3 == 0
        ProductPageFactory(
            parent=category,
            price=Decimal("50.00"),
            brand=brand if index % 5 == 0 else None,
            sale_price=Decimal("40.00") if on_sale else None,
            sale_ends_at=now + timedelta(days=3) if on_sale else None,
        )
        if (index + 1) % 60 == 0:
            print(f"  {index + 1}/{args.products} products", flush=True)
    products = list(ProductPage.objects.order_by("pk"))

    made = 0
    for count in [int(value) for value in args.promotions.split(",")]:
        while made < count:
            promotion = Promotion(
                name=f"Promotion {made}", kind="percent", value=Decimal(5 + made % 30), live=False
            )
            promotion.save()
            target = made % 3
            if target == 0:
                promotion.products.set(products[made % len(products) :: 37][:3])
            elif target == 1:
                promotion.brands.set([brand])
            else:
                promotion.categories.set([category])
            promotion.save()
            promotion.save_revision().publish()
            made += 1
        for product in products:  # warm: loads the rules for this content generation
            price_for(product)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            for _ in range(args.rounds):
                for product in products:
                    price_for(product)
            elapsed = time.perf_counter() - start
        priced = args.rounds * len(products)
        print(
            f"{count:>4} promotions: {priced / elapsed:>10,.0f} prices/s, "
            f"{elapsed / priced * 1e6:>7.1f} µs per price, {len(queries)} queries in the timed passes"
        )
    print(f"Summary: {len(products)} products × {args.rounds} rounds per count; database in {workdir}")


if __name__ == "__main__":
    main()
