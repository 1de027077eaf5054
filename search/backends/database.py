"""Wagtail's database search backend, tuned for this shop.

Use it as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database"``.
Like ``wagtail.search.backends.database`` it picks the implementation from the
default database, and it searches the same way; two things differ:

- on SQLite (FTS5), a match in the title ranks above one in the rest of the page,
  as it does on PostgreSQL (``search.backends.sqlite``);
- on PostgreSQL, bulk indexing (``update_index``, reindexing a renamed category's
  products) is about three times faster (``search.backends.postgres``).
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # the name Wagtail looks a backend module up by
    # Each implementation is imported only for its database: their modules load
    # models that exist for that database alone.
    if connection.vendor == "postgresql":
        from search.backends.postgres import BulkPostgresSearchBackend

        return BulkPostgresSearchBackend(params)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from search.backends.sqlite import TitleFirstSQLiteSearchBackend

        return TitleFirstSQLiteSearchBackend(params)
    return backend
