"""Wagtail's database search backend, with SQLite ranking title matches first as PostgreSQL does.

Use it as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database"``.
Like ``wagtail.search.backends.database`` it picks the implementation from the
default database: PostgreSQL full-text search, SQLite FTS5, or the plain fallback.
Only the SQLite one changes (see ``search.backends.sqlite``); PostgreSQL already
weighs the boosted title above the other fields.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # the name Wagtail looks a backend module up by
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        # Imported only here: the module needs the FTS table's model, which exists on SQLite only.
        from search.backends.sqlite import TitleFirstSQLiteSearchBackend

        return TitleFirstSQLiteSearchBackend(params)
    return backend
