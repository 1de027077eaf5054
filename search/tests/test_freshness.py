"""The index follows publishing at once: new titles and tags, unpublishing, renamed brands and categories."""

import pytest
from kombu.exceptions import OperationalError as BrokerError

from catalogue.models import ProductPage
from catalogue.tests.fixtures import add_product
from home.search_text import parse_query
from search import tasks
from search.selectors import ProductSearch


def found(text):
    search = ProductSearch(query=parse_query(text), filters={"sort": "relevance"})
    return [product.title for product in search.results]


@pytest.fixture
def santoku(knives, opinel):
    return add_product(
        knives, title="Santoku knife", brand=opinel, short_description="A Japanese all-rounder."
    )


@pytest.mark.django_db
def test_a_tag_added_in_the_same_publish_is_searchable_right_after(
    santoku, django_capture_on_commit_callbacks
):
    product = ProductPage.objects.get(pk=santoku.pk)
    product.title = "Gyuto knife"
    product.tags.add("damascus")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product.save_revision().publish()

    assert callbacks, "the reindex waits for the commit"
    assert found("damascus") == ["Gyuto knife"]
    assert found("gyuto") == ["Gyuto knife"]
    assert found("santoku") == []


@pytest.mark.django_db
def test_without_the_reindex_on_commit_the_index_misses_the_new_tag(
    santoku, django_capture_on_commit_callbacks
):
    """Wagtail's own indexing runs inside save(), before the tags are saved: this is what the reindex fixes."""
    product = ProductPage.objects.get(pk=santoku.pk)
    product.tags.add("damascus")

    with django_capture_on_commit_callbacks(execute=False):
        product.save_revision().publish()

    assert found("damascus") == []


@pytest.mark.django_db
def test_an_unpublished_product_is_gone_from_search_at_once(santoku, django_capture_on_commit_callbacks):
    assert found("santoku") == ["Santoku knife"]

    with django_capture_on_commit_callbacks(execute=True):
        santoku.unpublish()

    assert found("santoku") == []


@pytest.mark.django_db
def test_renaming_a_brand_reindexes_its_products(santoku, opinel, django_capture_on_commit_callbacks):
    opinel.name = "Sabatier"
    with django_capture_on_commit_callbacks(execute=True):
        opinel.save()

    assert found("sabatier") == ["Santoku knife"]
    assert found("opinel") == []


@pytest.mark.django_db
def test_renaming_a_category_reindexes_the_products_in_it(
    santoku, knives, django_capture_on_commit_callbacks
):
    knives.title = "Blades"
    with django_capture_on_commit_callbacks(execute=True):
        knives.save_revision().publish()

    assert found("blades") == ["Santoku knife"]


@pytest.mark.django_db
def test_a_draft_rename_of_a_live_category_queues_no_reindex(
    santoku, knives, django_capture_on_commit_callbacks, monkeypatch
):
    from search import signals

    queued = []
    monkeypatch.setattr(signals, "enqueue_reindex", lambda ids: queued.append(list(ids)))
    knives.title = "Blades"
    with django_capture_on_commit_callbacks(execute=True):
        knives.save_revision()

    assert queued == []
    assert found("blades") == []
    assert found("knives") == ["Santoku knife"]


@pytest.mark.django_db
def test_moving_a_product_reindexes_it_under_its_new_category(
    santoku, cookware, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        santoku.move(cookware, pos="last-child")

    assert found("cookware") == ["Santoku knife"]


@pytest.mark.django_db
def test_with_the_broker_down_the_reindex_runs_in_the_request(
    santoku, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broker_down(*args, **kwargs):
        raise BrokerError("connection refused")

    monkeypatch.setattr(tasks.reindex_pages, "delay", broker_down)
    product = ProductPage.objects.get(pk=santoku.pk)
    product.tags.add("damascus")

    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()

    assert found("damascus") == ["Santoku knife"]
    assert "reindexing 1 page(s) in the request" in caplog.text
