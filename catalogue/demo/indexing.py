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

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from modelcluster.models import get_all_child_relations
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.demo.progress import progress
from search.indexing import update_search_index

CHUNK_SIZE = 200
# The search backend refreshes every entry's title norm after each write (a pass over the
# whole index), so bulk-added products go in big chunks: 500 chunks of 200 made a
# 100,000-product load quadratic.
NEW_OBJECT_CHUNK_SIZE = 5000
_RECORDER_UID = "catalogue.demo.indexing.record"


@contextmanager
def deferred_indexing(stdout: TextIO) -> Iterator[Callable[[type, Iterable], None]]:
    indexed_models = search_index.get_indexed_models()
    paused = [
        model for model in indexed_models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    saved: dict[type, set] = defaultdict(set)
    added: dict[type, set] = defaultdict(set)  # rows written in bulk, new: no references yet

    def record(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    def note_saved(model: type, pks: Iterable) -> None:
        added[model].update(pks)

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
        (model, chunk, is_new)
        for collected, size, is_new in ((saved, CHUNK_SIZE, False), (added, NEW_OBJECT_CHUNK_SIZE, True))
        for model, pks in collected.items()
        if model in paused or ReferenceIndex.is_indexed(model)
        for chunk in _chunks(pks, size)
    ]
    for model, chunk, is_new in progress(
        work, total=len(work), label="Search and reference index", stream=stdout
    ):
        if model in paused:
            update_search_index(model, chunk)
        if ReferenceIndex.is_indexed(model):
            (add_references_of_new_objects if is_new else update_reference_index)(model, chunk)


def _chunks(pks: set, size: int) -> Iterator[list]:
    ordered = sorted(pks, key=str)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def update_reference_index(model, pks: list) -> None:
    # Child relations (a product's gallery, tags and picks) are read for every object:
    # prefetching them turns a few queries per object into a few per chunk.
    child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    for instance in model._default_manager.filter(pk__in=pks).prefetch_related(*child_relations):
        ReferenceIndex.create_or_update_for_object(instance)


def add_references_of_new_objects(model, pks: list) -> None:
    """Reference index rows for objects that have none yet: one insert per chunk.

    ``ReferenceIndex.create_or_update_for_object`` first reads the object's existing rows
    and inserts per object: two queries each, 200,000 for a 100,000-product load. For
    objects the loader has just inserted there is nothing to read or delete, so the rows
    it would write are built here with the same two Wagtail class methods it uses.
    Fence: they are underscore names, and catalogue/tests/test_demo_indexing.py checks
    that the rows match what ``create_or_update_for_object`` writes.
    """
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    parents = model._meta.get_parent_list()
    base_content_type = ContentType.objects.get_for_model(
        parents[-1] if parents else model, for_concrete_model=False
    )
    child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    rows = [
        ReferenceIndex(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=instance.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for instance in model._default_manager.filter(pk__in=pks).prefetch_related(*child_relations)
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(instance)
        )
    ]
    ReferenceIndex.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
