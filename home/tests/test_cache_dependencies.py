"""The invalidation registry covers every model a cached page, card or API answer can show."""

import pytest
from django.apps import apps
from django.db import transaction

from home.serving import cache_dependencies
from home.serving.content_cache import SITE_TAG, flushes_after_commit, invalidate

PROJECT_APPS = ("home", "catalogue", "search", "users")


def shown_models() -> set:
    """The project's concrete models and every model they point at: all that a page, card or API answer can show."""
    own = [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.proxy
    ]
    shown = set(own)
    for model in own:
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model is not None:
                shown.add(field.related_model)
    return shown


def test_every_model_that_can_show_is_tracked_or_excluded_with_a_reason():
    untracked = cache_dependencies.untracked_labels()
    missing = sorted(
        model._meta.label
        for model in shown_models()
        if not cache_dependencies.is_tracked(model) and model._meta.label_lower not in untracked
    )
    assert missing == [], (
        f"Register these in the cache dependency registry, or exclude them with a reason: {missing}"
    )
    assert all(reason.strip() for reason in untracked.values())


def test_the_known_misses_are_tracked_reviewers_names_and_tag_names():
    from django.contrib.auth import get_user_model
    from taggit.models import Tag

    assert cache_dependencies.is_tracked(get_user_model())
    assert cache_dependencies.is_tracked(Tag)


def test_the_enumeration_sees_models_the_shop_shows_and_their_targets():
    labels = {model._meta.label for model in shown_models()}
    assert {
        "catalogue.ProductPage",
        "catalogue.Review",
        "wagtailimages.Image",
        "taggit.Tag",
        "users.User",
    } <= labels


# Serialized: the tests after it still find the migrations' rows (Site, root collection).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_restorable_database")
def test_changes_in_one_transaction_are_dropped_in_one_batch_after_the_commit():
    before = flushes_after_commit()
    with transaction.atomic():
        invalidate({"page:1", SITE_TAG})
        invalidate({"page:2"})
        invalidate({"page:1"})
    assert flushes_after_commit() == before + 1
