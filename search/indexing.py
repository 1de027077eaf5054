"""Writing to the search index in bulk, for the reindex after publishing and for bulk loads."""

from modelsearch.backends import get_search_backends


def update_search_index(model, pks: list) -> None:
    """(Re)index these objects of ``model`` in every auto-updated backend, one bulk write each."""
    objects = list(model.get_indexed_objects().filter(pk__in=pks))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)
