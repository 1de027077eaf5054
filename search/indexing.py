"""Writing to the search index in bulk, for the reindex after publishing and for bulk loads."""

from collections.abc import Sequence

from modelsearch.backends import get_search_backends


def index_objects(model, objects: Sequence) -> None:
    """Write these objects of ``model``, as they are in memory, to every auto-updated backend, one bulk write each.

    The catalogue's bulk loads reach this through the ``SHOP_SEARCH_INDEXER`` setting,
    with objects that carry what the index reads (related rows) in memory.
    """
    if not objects:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, list(objects))


def update_search_index(model, pks: list) -> None:
    """(Re)index these objects of ``model`` as they now are in the database."""
    index_objects(model, list(model.get_indexed_objects().filter(pk__in=pks)))
