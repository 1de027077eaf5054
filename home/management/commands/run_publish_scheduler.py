"""`manage.py run_publish_scheduler`: scheduled go-live and expiry in development, without Celery.

Production runs Wagtail's ``publish_scheduled`` from Celery beat every minute. ``make
run`` has no Redis and no beat, so it starts this loop next to runserver instead: it runs
``publish_scheduled`` every ``--interval`` seconds, and stops when ``make run`` does (it is
stopped on exit, and leaves by itself if the process that started it goes away).
"""

import os
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run Wagtail's publish_scheduled every --interval seconds (development; production uses Celery beat)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60, help="Seconds between runs (default 60).")
        parser.add_argument(
            "--runs", type=int, default=0, help="Stop after this many runs (default 0: until stopped)."
        )

    def handle(self, *args, interval: float, runs: int, **options):
        parent = os.getppid()
        # `make run` stops us with SIGTERM: leave like on Ctrl-C, with the summary line.
        previous_handler = signal.signal(signal.SIGTERM, signal.default_int_handler)
        done = 0
        self.stdout.write(f"Scheduled publishing: publish_scheduled every {interval:g}s.")
        try:
            while True:
                call_command("publish_scheduled", verbosity=0)
                done += 1
                if runs and done >= runs:
                    break
                # Orphaned (make was killed without the chance to stop us): a dev loop must not linger.
                if os.getppid() != parent:
                    break
                time.sleep(interval)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous_handler)
        self.stdout.write(f"Scheduled publishing stopped after {done} runs.")
