"""Index a bulk load once at the end instead of once per saved object.

Wagtail updates its search index and its reference index from ``post_save`` signals,
one task per saved object. For a demo load of thousands of pages that is most of the
time spent (measured: nearly half of a 200-product load on SQLite). Inside
``deferred_indexing()`` those handlers are switched off, the objects saved are noted,
and on the way out they are indexed in bulk, a chunk per query, which is what
``update_index`` does, limited to what the load touched.

Rows written without ``save()`` (``bulk_add_children``) send no signal: the loader names
them with ``note_saved(model, pks)``, the object the context manager yields.

The search handlers are disconnected process-wide for the duration, so this is for
management commands and tests, not for code that runs inside a web worker.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

from django.db.models.signals import post_save
from modelcluster.models import get_all_child_relations
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.demo.progress import progress
from search.indexing import update_search_index

CHUNK_SIZE = 200
_RECORDER_UID = "catalogue.demo.indexing.record"


@contextmanager
def deferred_indexing(stdout: TextIO) -> Iterator[Callable[[type, Iterable], None]]:
    indexed_models = search_index.get_indexed_models()
    paused = [
        model for model in indexed_models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    saved: dict[type, set] = defaultdict(set)

    def record(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    def note_saved(model: type, pks: Iterable) -> None:
        saved[model].update(pks)

    post_save.connect(record, weak=False, dispatch_uid=_RECORDER_UID)
    try:
        with disable_reference_index_auto_update():
            yield note_saved
    finally:
        post_save.disconnect(dispatch_uid=_RECORDER_UID)
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
    # Only reached when the block succeeded: a failed load is rolled back, nothing to index.
    work = [
        (model, chunk)
        for model, pks in saved.items()
        if model in paused or ReferenceIndex.is_indexed(model)
        for chunk in _chunks(pks)
    ]
    for model, chunk in progress(work, total=len(work), label="Search and reference index", stream=stdout):
        if model in paused:
            update_search_index(model, chunk)
        if ReferenceIndex.is_indexed(model):
            update_reference_index(model, chunk)


def _chunks(pks: set) -> Iterator[list]:
    ordered = sorted(pks, key=str)
    for start in range(0, len(ordered), CHUNK_SIZE):
        yield ordered[start : start + CHUNK_SIZE]


def update_reference_index(model, pks: list) -> None:
    # Child relations (a product's gallery, tags and picks) are read for every object:
    # prefetching them turns a few queries per object into a few per chunk.
    child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    for instance in model._default_manager.filter(pk__in=pks).prefetch_related(*child_relations):
        ReferenceIndex.create_or_update_for_object(instance)
