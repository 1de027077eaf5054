"""Index a bulk load in bulk instead of once per saved object.

Wagtail updates its search index and its reference index from ``post_save`` signals,
one task per saved object. For a demo load of thousands of pages that is most of the
time spent (measured: nearly half of a 200-product load on SQLite). Inside
``deferred_indexing()`` those handlers are switched off:

- rows the loader writes in bulk (``bulk_add_children``) send no signal: the loader hands
  them to ``index_added(model, instances)``, the callable the context manager yields,
  right after writing them. They are indexed from the instances in memory, whose child
  rows (gallery, tags, picks, variants) the loader has set on them, so nothing is read
  back: a search entry per object in one bulk write, and their reference rows in one
  insert (new objects have none to read or replace);
- objects saved one by one (pictures, categories, stories) are noted and indexed on the
  way out, a chunk per query, which is what ``update_index`` does, limited to them.

The search index is the search app's: the catalogue does not import it, and writes
through the function ``SHOP_SEARCH_INDEXER`` names (``search.indexing.index_objects``).
The search handlers are disconnected process-wide for the duration, so this is for
management commands and tests, not for code that runs inside a web worker.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_save
from django.utils.module_loading import import_string
from modelcluster.models import get_all_child_relations
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.demo.progress import progress

CHUNK_SIZE = 200
_RECORDER_UID = "catalogue.demo.indexing.record"


@contextmanager
def deferred_indexing(stdout: TextIO) -> Iterator[Callable[[type, Sequence], None]]:
    indexed_models = search_index.get_indexed_models()
    paused = [
        model for model in indexed_models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    saved: dict[type, set] = defaultdict(set)

    def record(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    def index_added(model: type, instances: Sequence) -> None:
        if model in paused:
            search_indexer()(model, instances)
        if ReferenceIndex.is_indexed(model):
            add_references_of_new_objects(model, instances)

    post_save.connect(record, weak=False, dispatch_uid=_RECORDER_UID)
    try:
        with disable_reference_index_auto_update():
            yield index_added
    finally:
        post_save.disconnect(dispatch_uid=_RECORDER_UID)
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
    # Only reached when the block succeeded: a failed load is rolled back, nothing to index.
    work = [
        (model, chunk)
        for model, pks in saved.items()
        if model in paused or ReferenceIndex.is_indexed(model)
        for chunk in _chunks(pks, CHUNK_SIZE)
    ]
    for model, chunk in progress(work, total=len(work), label="Search and reference index", stream=stdout):
        if model in paused:
            search_indexer()(model, list(model.get_indexed_objects().filter(pk__in=chunk)))
        if ReferenceIndex.is_indexed(model):
            update_reference_index(model, chunk)


def search_indexer() -> Callable[[type, list], None]:
    """The search app's bulk writer, named in ``SHOP_SEARCH_INDEXER``: the catalogue does not import search.

    The search app owns how the index is written (its PostgreSQL backend writes rows in
    bulk); ``mysite`` wires the two together, as it wires ``SHOP_SERVING_HOOKS`` for home.
    """
    path = getattr(settings, "SHOP_SEARCH_INDEXER", None)
    if not path:
        raise ImproperlyConfigured(
            "SHOP_SEARCH_INDEXER names the function that writes objects to the search index."
        )
    return import_string(path)


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


def add_references_of_new_objects(model, instances: Sequence) -> None:
    """Reference index rows for objects that have none yet, from the instances in memory: one insert.

    ``ReferenceIndex.create_or_update_for_object`` first reads the object's existing rows
    and inserts per object: two queries each, 200,000 for a 100,000-product load. For
    objects the loader has just inserted there is nothing to read or delete, so the rows
    it would write are built here with the same two Wagtail class methods it uses. The
    instances must hold their child rows in memory (``page.gallery_images = [...]``), or
    each relation is read once per object.
    Fence: they are underscore names, and catalogue/tests/test_demo_indexing.py checks
    that the rows match what ``create_or_update_for_object`` writes.
    """
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    parents = model._meta.get_parent_list()
    base_content_type = ContentType.objects.get_for_model(
        parents[-1] if parents else model, for_concrete_model=False
    )
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
        for instance in instances
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(instance)
        )
    ]
    ReferenceIndex.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
