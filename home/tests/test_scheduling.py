"""Scheduled go-live and expiry, carried out by the Celery task that beat runs every minute."""

import datetime

import pytest
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from wagtail.models import Revision

from catalogue.factories import CategoryPageFactory, ProductPageFactory
from home.tasks import publish_scheduled
from mysite.celery import app


@pytest.fixture
def category(home_page):
    return CategoryPageFactory(parent=home_page, title="Kitchen")


def let_go_live_time_pass(revision):
    """Move a scheduled revision's go-live, in its schedule and its content, a minute into the past."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    content = {**revision.content, "go_live_at": DjangoJSONEncoder().default(past)}
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)


@pytest.mark.django_db
def test_publish_scheduled_publishes_a_revision_once_its_go_live_time_has_passed(category):
    product = ProductPageFactory(
        parent=category, title="Copper pan", live=False, first_published_at=None, last_published_at=None
    )
    # Scheduled the way the admin does it: publishing a revision whose go-live is ahead.
    product.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = product.save_revision()
    revision.publish()
    revision.refresh_from_db()
    product.refresh_from_db()
    assert revision.approved_go_live_at is not None
    assert not product.live

    publish_scheduled.delay()
    product.refresh_from_db()
    assert not product.live  # not yet due

    let_go_live_time_pass(revision)
    publish_scheduled.delay()

    product.refresh_from_db()
    revision.refresh_from_db()
    assert product.live
    assert product.live_revision == revision
    assert revision.approved_go_live_at is None


@pytest.mark.django_db
def test_publish_scheduled_unpublishes_a_page_past_its_expiry(category):
    product = ProductPageFactory(parent=category, title="Enamel mug")
    product.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    product.save_revision().publish()
    product.refresh_from_db()
    assert product.live

    publish_scheduled.delay()

    product.refresh_from_db()
    assert not product.live
    assert product.expired


@pytest.mark.django_db
def test_publish_scheduled_leaves_pages_without_a_schedule_alone(category):
    live = ProductPageFactory(parent=category, title="Oak spoon")
    draft = ProductPageFactory(
        parent=category, title="Ash spoon", live=False, first_published_at=None, last_published_at=None
    )
    draft.save_revision()

    publish_scheduled.delay()

    live.refresh_from_db()
    draft.refresh_from_db()
    assert live.live and not draft.live


def test_beat_runs_publish_scheduled_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled"]
    assert entry["task"] == "home.tasks.publish_scheduled"
    assert entry["schedule"] == 60
    # The beat entry names a task the worker actually registers.
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
