"""SQLite FTS5 ranking that prefers a match in the title over one in the rest of the page.

modelsearch ranks SQLite matches with ``bm25()`` over the whole row, every column
weighing the same, so a product mentioning "knife" once in its description could
outrank the knife itself. FTS5's ``bm25()`` takes a weight per column; the title
gets TITLE_WEIGHT, as PostgreSQL gives the boosted title its "A" weight.
"""

from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry
from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchQueryCompiler
from modelsearch.query import Not, Phrase, PlainText

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


class TitleFirstSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = TitleFirstSQLiteSearchQueryCompiler
