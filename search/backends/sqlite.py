"""SQLite FTS5 ranking that prefers a match in the title over one in the rest of the page.

modelsearch ranks SQLite matches with ``bm25()`` over the whole row, every column
weighing the same, so a product mentioning "knife" once in its description could
outrank the knife itself. FTS5's ``bm25()`` takes a weight per column; the title
gets TITLE_WEIGHT, as PostgreSQL gives the boosted title its "A" weight.

Its results also answer a page with the number of matches in one query (a
``COUNT(*) OVER ()`` window beside the page's rows) and facet counts with SQL around
them (``search.backends.grouped``), as the PostgreSQL backend does.
"""

from django.db.models import Count, Window
from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import Not, Phrase, PlainText

from search.backends.capabilities import SearchCapability
from search.backends.grouped import GroupedRowsMixin

# Weights in the FTS table's column order: autocomplete, body, title.
AUTOCOMPLETE_WEIGHT = 1.0
BODY_WEIGHT = 1.0
TITLE_WEIGHT = 10.0


class WeightedBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        table = SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, {AUTOCOMPLETE_WEIGHT}, {BODY_WEIGHT}, {TITLE_WEIGHT})", []


class TitleFirstSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_tsrank(self, vector, query, config=None, boost=1.0):
        if isinstance(query, (Phrase, PlainText, Not)):
            rank = WeightedBM25()
            return rank * boost if boost != 1.0 else rank
        # And/Or combine the ranks of their parts, which come back through this method.
        return super().build_tsrank(vector, query, config=config, boost=boost)


class CountedSQLiteSearchResults(GroupedRowsMixin, SQLiteSearchResults):
    shop_capabilities = frozenset(
        {SearchCapability.PAGE_WITH_TOTAL, SearchCapability.FACET_ROWS, SearchCapability.MATCHING_QUERYSET}
    )

    def page_with_total(self) -> tuple[list, int]:
        """This slice of the results and the number of results in all, from one query."""
        compiler = self.query_compiler
        queryset = compiler.search(
            compiler.get_config(self.backend), None, None, score_field=self._score_field
        )
        rows = list(queryset.annotate(_search_total=Window(Count("pk")))[self.start : self.stop])
        if rows:
            return rows, rows[0]._search_total
        if not self.start:
            return [], 0
        # Past the last match: the count alone says how far that is.
        unsliced = self._clone()
        unsliced.start, unsliced.stop = 0, None
        return [], unsliced.count()


class TitleFirstSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = TitleFirstSQLiteSearchQueryCompiler
    results_class = CountedSQLiteSearchResults
