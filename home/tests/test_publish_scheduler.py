"""Scheduled go-live and expiry under `make run`: the development loop that stands in for Celery beat."""

import datetime
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalogue.factories import CategoryPageFactory, ProductPageFactory
from home.tests.test_scheduling import let_go_live_time_pass

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_scheduler_publishes_a_due_page_and_expires_an_expired_one(home_page):
    category = CategoryPageFactory(parent=home_page, title="Kitchen")
    due = ProductPageFactory(
        parent=category, title="Copper pan", live=False, first_published_at=None, last_published_at=None
    )
    due.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = due.save_revision()
    revision.publish()
    let_go_live_time_pass(revision)
    expiring = ProductPageFactory(parent=category, title="Old pan")
    expiring.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    expiring.save()
    out = StringIO()

    call_command("run_publish_scheduler", interval=0, runs=2, stdout=out)

    due.refresh_from_db()
    expiring.refresh_from_db()
    assert due.live
    assert not expiring.live and expiring.expired
    assert out.getvalue().strip().endswith("Scheduled publishing stopped after 2 runs.")


def test_make_run_starts_the_scheduler_beside_runserver_and_stops_it_with_it():
    recipe = subprocess.run(
        ["make", "-n", "-o", "demo", "run"], cwd=REPOSITORY, capture_output=True, text=True, check=True
    ).stdout
    scheduler = recipe.index("manage.py run_publish_scheduler --interval 60 & scheduler=$!")
    stop = recipe.index("trap 'kill $scheduler 2>/dev/null' EXIT INT TERM")
    runserver = recipe.index("manage.py runserver")
    assert scheduler < stop < runserver
