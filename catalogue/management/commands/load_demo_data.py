"""`manage.py load_demo_data`: demo accounts and content, safe to run again at any time."""

import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from catalogue.demo.steps import STEPS
from home.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from home.demo.steps import DemoRun
from home.renditions import renditions_deferred


class Command(BaseCommand):
    help = (
        "Create demo accounts and fill the home page. Idempotent: a second run updates "
        "rather than duplicates, and leaves content a person has edited alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--products",
            type=int,
            default=200,
            help="How many demo products the catalogue step creates (default 200).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=42,
            help="Seed for generated pictures and other random choices: same seed, same data.",
        )
        parser.add_argument(
            "--no-renditions",
            action="store_false",
            dest="renditions",
            help=(
                "Leave the pictures' renditions to `manage.py make_renditions` (or to the first"
                " visitors): a faster load, for scale tests."
            ),
        )

    def handle(self, *args, products, seed, renditions=True, **options):
        if products < 0:
            raise CommandError("--products cannot be negative.")
        started = time.perf_counter()
        run = DemoRun(seed=seed, products=products, stdout=self.stdout, renditions=renditions)
        summaries = []
        # The pictures' renditions are made in one pass by the last steps, not a task per save.
        with quiet_demo(), renditions_deferred():
            for step in STEPS:
                try:
                    with transaction.atomic():
                        summary = step(run)
                except LookupError as error:
                    raise CommandError(str(error)) from error
                if summary:  # a step with nothing to report on this database says nothing
                    summaries.append(summary)

        self.stdout.write(f'\nDemo logins (password "{DEMO_PASSWORD}"):')
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<24} {account.role}")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {', '.join(summaries)} in {elapsed:.1f}s"))


@contextmanager
def quiet_demo():
    """The loader's own progress bars and summary line, nothing else on the terminal.

    Wagtail logs a line for every page it creates and publishes, and the demo pages
    submitted to the workflow would email the demo moderators (printed in full by the
    development console backend): a stream that buries the summary. The demo accounts'
    addresses are not real, so those emails are dropped.
    """
    wagtail_logger = logging.getLogger("wagtail")
    level = wagtail_logger.level
    wagtail_logger.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            yield
    finally:
        wagtail_logger.setLevel(level)
