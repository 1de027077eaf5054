"""`manage.py make_renditions`: make every registered rendition the images lack (home.renditions).

Run after a deploy that adds a spec, or once on a site whose images predate the
registry; safe to run again (a second run makes nothing).
"""

import time

from django.core.management.base import BaseCommand

from home.demo.progress import progress
from home.renditions import registered_groups, renditions_backfill


class Command(BaseCommand):
    help = "Make the image renditions pages will show, for every image that lacks them (idempotent)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        specs = {spec for group in registered_groups() for spec in group.specs}
        images, created = renditions_backfill(
            lambda iterable, total, label: progress(iterable, total=total, label=label, stream=self.stdout)
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Renditions: {created} made for {images} images ({len(specs)} specs registered) in {elapsed:.1f}s"
            )
        )
