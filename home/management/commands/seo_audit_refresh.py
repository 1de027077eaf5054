"""Re-measure every live page and redirect for the SEO audit (after bulk imports, or nightly)."""

import time

from django.core.management.base import BaseCommand

from home.demo.progress import progress
from home.seo.audit import batch_count, measure_page_batches, measure_redirects


class Command(BaseCommand):
    help = "Re-measure every live page and redirect for Reports → SEO audit."

    def handle(self, *args, **options):
        started = time.perf_counter()
        pages = sum(progress(measure_page_batches(), batch_count(), "Pages measured", self.stdout))
        redirects = measure_redirects()
        self.stdout.write(
            f"SEO audit refreshed: {pages} live pages and {redirects} redirects in "
            f"{time.perf_counter() - started:.1f}s"
        )
