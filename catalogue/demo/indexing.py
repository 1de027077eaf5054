"""Index a bulk load once at the end instead of once per saved object.

Wagtail updates its search index and its reference index from ``post_save`` signals,
one task per saved object. For a demo load of thousands of pages that is most of the
time spent (measured: about 60% of a 200-product load on SQLite). Inside
``deferred_indexing()`` those handlers are switched off, the objects saved are noted,
and on the way out they are indexed in bulk, a chunk per query, which is what
``update_index`` does, limited to what the load touched.

The search handlers are disconnected process-wide for the duration, so this is for
management commands and tests, not for code that runs inside a web worker.
"""

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelcluster.models import get_all_child_relations
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

CHUNK_SIZE = 500
_RECORDER_UID = "catalogue.demo.indexing.record"


@contextmanager
def deferred_indexing() -> Iterator[None]:
    indexed_models = search_index.get_indexed_models()
    paused = [
        model for model in indexed_models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    saved: dict[type, set] = defaultdict(set)

    def record(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    post_save.connect(record, weak=False, dispatch_uid=_RECORDER_UID)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid=_RECORDER_UID)
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
    # Only reached when the block succeeded: a failed load is rolled back, nothing to index.
    for model, pks in saved.items():
        if model in paused:
            update_search_index(model, pks)
        if ReferenceIndex.is_indexed(model):
            update_reference_index(model, pks)


def _chunks(pks: set) -> Iterator[list]:
    ordered = sorted(pks, key=str)
    for start in range(0, len(ordered), CHUNK_SIZE):
        yield ordered[start : start + CHUNK_SIZE]


def update_search_index(model, pks: set) -> None:
    backends = list(get_search_backends(with_auto_update=True))
    for chunk in _chunks(pks):
        objects = list(model.get_indexed_objects().filter(pk__in=chunk))
        for backend in backends:
            backend.add_bulk(model, objects)


def update_reference_index(model, pks: set) -> None:
    # Child relations (a product's gallery, tags and picks) are read for every object:
    # prefetching them turns a few queries per object into a few per chunk.
    child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    for chunk in _chunks(pks):
        for instance in model._default_manager.filter(pk__in=chunk).prefetch_related(*child_relations):
            ReferenceIndex.create_or_update_for_object(instance)
