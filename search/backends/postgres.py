"""PostgreSQL full-text search that keeps up with a big catalogue; same index rows, same results.

How a query becomes SQL
-----------------------
1. ``ProductPage.objects.live().search(query)`` reaches ``BulkPostgresSearchBackend.search``,
   which wraps the queryset and the query in a ``LeanPostgresSearchQueryCompiler`` and
   returns ``EntryFirstPostgresSearchResults``. Nothing runs yet.
2. The query is the shop's parse (``home.search_text.parse_query``): modelsearch objects
   (``PlainText``, ``Phrase``, ``And``/``Or``/``Not``). ``build_tsquery`` turns it into
   one Django ``SearchQuery``, a ``tsquery`` (parts without terms drop out).
3. Reading the results (slicing, ``len``, ``page_with_total()``, ``facet_counts()``)
   runs SQL. ``matching_entries()`` is a query on modelsearch's index table: entries of
   the model's content types whose ``title || body`` vector matches the ``tsquery``,
   as ``object`` (the id, cast to bigint) and ``rank`` (modelsearch's rank expression).
4. That query becomes a CTE, ``WITH matches AS MATERIALIZED (...)``. The shop's own
   queryset (filters, privacy, category) is compiled to ``SELECT id ... WHERE id IN
   (SELECT object FROM matches)``; ``RANKED_PAGE_SQL`` counts those rows and takes one
   page of them by rank, then id, in the same statement: one round trip gives the ids
   of the page and the total.
5. ``_in_order`` loads the page's objects by id (``in_bulk``) and keeps the rank order.
6. Anything else (fuzzy or match-all queries, ``fields=``, text ids, a score
   annotation) goes through modelsearch's own SQL: the queryset joined to the index
   table, filtered on the combined vector (through ``alias()``), ordered by rank.

modelsearch has no public extension points for this, so the classes below override
and call some of its underscore methods (``_do_search``, ``_do_count``, ``_clone``,
``_score_field``, ``_build_rank_expression``, ``_apply_ordering_and_scoring``,
``_get_filterable_field``, ``_refresh_title_norms``). modelsearch is pinned exactly in
requirements.txt, and ``mysite/tests/test_private_fences.py`` fails on an upgrade that
renames or reshapes any of them.

What each part changes
----------------------

- Indexing: modelsearch's ``PostgresIndex.add_items`` reads every search field of an
  object once per stored column (five times) and builds a Django expression per text;
  100,000 products took about nine minutes. ``BulkPostgresIndex`` writes the same rows
  (same columns, weights and text search configurations) reading each field once and
  writing the SQL itself, texts of one weight as one ``to_tsvector``: about three
  times faster. ``search/tests/test_backends.py`` checks the rows match modelsearch's.
- Searching: modelsearch joins every product to its index entry on the product id
  cast to text, then filters and ranks the joined rows; PostgreSQL ends up hashing
  every product (or every index entry) to find a few thousand matches.
  ``EntryFirstPostgresSearchResults`` turns it round: it finds and ranks the matching
  index entries first (the GIN index on ``title || body``), then keeps those among the
  queryset's rows by integer id, and answers the count and a page of results in one
  query (``page_with_total``). Same matches, same rank expression, same order (rank,
  then newest id); about twice as fast for a word on a few thousand products.
  Queries it cannot serve this way (fuzzy, match-all, ``fields=``, text ids, a score
  annotation) go through modelsearch unchanged.
- Where modelsearch does run, it filters through ``alias()`` rather than ``annotate()``,
  which keeps both vectors out of the selected columns: a third less time for common words.
- Queries: a PlainText with no terms (``-``, ``--``: modelsearch splits on spaces and
  hyphens) is left out of an And or Or instead of raising a TypeError, and on its own
  matches nothing. The shop's parser never produces one; Wagtail's own (the admin's
  page search, the API's ``?search=``) does.
"""

from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BigIntegerField, Case, Count, F, IntegerField, When, Window
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.functions import Cast
from django.utils.encoding import force_str
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.query import And, Fuzzy, MatchAll, Not, Or
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.backends.capabilities import SearchCapability
from search.backends.grouped import around, grouped_counts, run


def vector_sql(texts: list[tuple[str, str]], config: str | None) -> tuple[str, list]:
    """SQL for the tsvector of weighted texts; texts sharing a weight are indexed as one text."""
    by_weight: dict[str, list[str]] = {}
    for text, weight in texts:
        if text.strip():
            by_weight.setdefault(weight, []).append(text.strip())
    if not by_weight:
        return "''::tsvector", []
    parts, params = [], []
    for weight, parts_text in by_weight.items():
        if config:
            parts.append("setweight(to_tsvector(%s::regconfig, %s), %s)")
            params += [config, " ".join(parts_text), weight]
        else:
            parts.append("setweight(to_tsvector(%s), %s)")
            params += [" ".join(parts_text), weight]
    return " || ".join(parts), params


class BulkPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields() or not objs:
            return
        content_type_pk = get_content_type_pk(model)
        config, autocomplete_config = self.backend.config, self.backend.autocomplete_config
        rows, params = [], []
        for obj in objs:
            indexer = ObjectIndexer(obj, self.backend)
            prepared = [item for field in indexer.search_fields for item in indexer.prepare_field(obj, field)]
            title = [(text, weight) for field, weight, text in prepared if _is_title(field)]
            body = [(text, weight) for field, weight, text in prepared if _is_body(field)]
            autocomplete = [
                (text, weight) for field, weight, text in prepared if isinstance(field, AutocompleteField)
            ]
            title_sql, title_params = vector_sql(title, config)
            autocomplete_sql, autocomplete_params = vector_sql(autocomplete, autocomplete_config)
            body_sql, body_params = vector_sql(body, config)
            rows.append(f"(%s, %s, {title_sql}, {autocomplete_sql}, {body_sql}, 1.0, %s, %s)")
            params += [content_type_pk, force_str(obj.pk), *title_params, *autocomplete_params, *body_params]
            params += [_plain(title), _plain(body)]

        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                VALUES {", ".join(rows)}
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()


def _is_title(field) -> bool:
    return isinstance(field, SearchField) and field.field_name == "title"


def _is_body(field) -> bool:
    return isinstance(field, SearchField) and field.field_name != "title"


def _plain(texts: list[tuple[str, str]]) -> str:
    return " ".join(text.strip() for text, _weight in texts if text.strip())


class TermlessPartsMixin:
    """A part of the query without terms drops out; a query without any matches nothing."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, (And, Or)):
            return super().build_tsquery_content(query, config=config, invert=invert)
        parts = [
            part
            for part in (
                self.build_tsquery_content(subquery, config=config, invert=invert)
                for subquery in query.subqueries
            )
            if part is not None
        ]
        if not parts:
            return None
        # De Morgan, as modelsearch does: an inverted And is an Or of inverted parts.
        if isinstance(query, And) != invert:
            return reduce(lambda a, b: a & b, parts)
        return reduce(lambda a, b: a | b, parts)

    def build_tsquery(self, query, config=None):
        tsquery = self.build_tsquery_content(query, config=config)
        # An empty tsquery: PostgreSQL matches no document with it.
        return tsquery if tsquery is not None else SearchQuery("", search_type="raw", config=config)


class AliasedVectorMixin:
    """modelsearch's ``search()``, filtering on the combined vector through ``alias()``, not ``annotate()``."""

    def search(self, config, start, stop, score_field=None, backend=None):
        if not _is_plain(self.query):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        combined_vector = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined_vector = CombinedExpression(combined_vector, "||", vector)
        queryset = self.queryset.alias(_vector_=combined_vector).filter(_vector_=search_query)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


class EntryFirstMixin:
    """The index entries matching the query, ranked, without the model's table."""

    def get_entry_vectors(self):
        return [(F("title"), F("title_norm")), (F("body"), 1.0)]

    def matching_entries(self, config):
        """Entries of this model matching the query, as ``object_id`` (integer) and ``rank``.

        None when the query needs modelsearch's own path: fuzzy or match-all queries,
        a search restricted to some fields, or a model whose ids are not integers.
        """
        if not _is_plain(self.query) or self.fields is not None or not _has_integer_pk(self.queryset.model):
            return None
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_entry_vectors()
        combined_vector = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined_vector = CombinedExpression(combined_vector, "||", vector)
        content_types = get_descendants_content_types_pks(self.queryset.model)
        return (
            IndexEntry._default_manager.using(self.queryset.db)
            .filter(content_type_id__in=content_types)
            .alias(_vector_=combined_vector)
            .filter(_vector_=search_query)
            # Cast only this model's rows: entries of other models may have text ids, and
            # PostgreSQL does not promise to check the content type before the cast.
            .values(
                object=Case(
                    # bigint: ids of either size (BigAutoField is the project default)
                    When(content_type_id__in=content_types, then=Cast("object_id", BigIntegerField())),
                    output_field=BigIntegerField(),
                ),
                rank=self._build_rank_expression(vectors, config),
            )
        )


class LeanPostgresSearchQueryCompiler(
    TermlessPartsMixin, EntryFirstMixin, AliasedVectorMixin, PostgresSearchQueryCompiler
):
    pass


class LeanPostgresAutocompleteQueryCompiler(
    TermlessPartsMixin, EntryFirstMixin, AliasedVectorMixin, PostgresAutocompleteQueryCompiler
):
    def get_entry_vectors(self):
        return [(F("autocomplete"), 1.0)]


def _is_plain(query) -> bool:
    return not isinstance(query, (MatchAll, Fuzzy)) and not (
        isinstance(query, Not) and isinstance(query.subquery, MatchAll)
    )


def _has_integer_pk(model) -> bool:
    field = model._meta.pk
    while field.is_relation:  # a page type's pk is its link to Page
        field = field.target_field
    return isinstance(field, IntegerField)


def _loads_only_pk(queryset) -> bool:
    query = queryset.query
    names, deferred = query.deferred_loading
    return (
        not deferred
        and set(names) <= {"id", "pk", queryset.model._meta.pk.name}
        and not query.select_related
        and not query.annotation_select
        and not queryset._prefetch_related_lookups
    )


# The matching entries are found and ranked once, before anything else:
# MATERIALIZED keeps PostgreSQL from folding them into the join with the
# queryset, where it would hash every product to find a few thousand.
MATCHES_SQL = "WITH matches AS MATERIALIZED ({matches}) "


def in_matches() -> RawSQL:
    return RawSQL("SELECT matches.object FROM matches", ())


# One page of ranked ids and the number of matches in all, in one statement.
RANKED_PAGE_SQL = """
, hits AS MATERIALIZED (
    SELECT matches.object, matches.rank FROM matches WHERE matches.object IN ({objects})
)
SELECT total.n, page.object
FROM (SELECT COUNT(*) AS n FROM hits) AS total
LEFT JOIN LATERAL (
    SELECT hits.object, hits.rank FROM hits ORDER BY hits.rank DESC, hits.object DESC {limit}
) AS page ON TRUE
ORDER BY page.rank DESC, page.object DESC
"""


class EntryFirstPostgresSearchResults(PostgresSearchResults):
    """Search results answered from the matching index entries first (see the module docstring)."""

    shop_capabilities = frozenset(
        {
            SearchCapability.PAGE_WITH_TOTAL,
            SearchCapability.FACET_COUNTS,
            SearchCapability.FACET_ROWS,
            SearchCapability.MATCHING_QUERYSET,
        }
    )

    def matching_queryset(self):
        """The matches as modelsearch's queryset (joined to the index, ranked when asked), unsliced.

        For combining with other SQL (``search.backends.grouped``); best for small models
        such as categories and stories, where the entry-first path gains nothing.
        """
        compiler = self.query_compiler
        return compiler.search(compiler.get_config(self.backend), None, None, backend=self.backend)

    def _matches(self):
        if self._score_field is not None:
            return None
        return self.query_compiler.matching_entries(self.query_compiler.get_config(self.backend))

    def _fetch(self, matches, sql: str, params=()) -> list[tuple]:
        """Rows of ``sql`` run after the matching entries are found (it may read ``matches``)."""
        connection = connections[self.query_compiler.queryset.db]
        matches_sql, matches_params = matches.query.get_compiler(connection=connection).as_sql()
        with connection.cursor() as cursor:
            cursor.execute(MATCHES_SQL.format(matches=matches_sql) + sql, (*matches_params, *params))
            return cursor.fetchall()

    def _sql(self, queryset) -> tuple[str, tuple]:
        return queryset.query.get_compiler(using=queryset.db).as_sql()

    def _matching_rows(self, matches, queryset, start=None, stop=None) -> list[tuple]:
        """The rows of ``queryset`` (a values query) whose object matches, sliced."""
        return self._fetch(matches, *self._sql(queryset.filter(pk__in=in_matches())[start:stop]))

    def _in_order(self, pks: list) -> list:
        """The queryset's objects with these ids, in this order."""
        queryset = self.query_compiler.queryset
        if _loads_only_pk(queryset):
            # ``.only("id")``: the ids are the whole row, and they come from the same statement.
            names = [
                field.attname
                for field in queryset.model._meta.concrete_fields
                if field.primary_key or field.name == "id"
            ]
            return [queryset.model.from_db(queryset.db, names, [pk] * len(names)) for pk in pks]
        loaded = queryset.order_by().in_bulk(pks)
        return [loaded[pk] for pk in pks if pk in loaded]

    def page_with_total(self) -> tuple[list, int]:
        """This slice of the results and the number of results in all, from one query where possible."""
        matches = self._matches()
        if matches is None:
            unsliced = self._clone()
            unsliced.start, unsliced.stop = 0, None
            return list(self), unsliced.count()
        if not self.query_compiler.order_by_relevance:
            # The queryset's own order (price, newest): the page's rows carry the total.
            queryset = self.query_compiler.queryset
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")  # modelsearch's default order
            counted = queryset.values_list("pk").annotate(_total=Window(Count("pk")))
            rows = self._matching_rows(matches, counted, self.start, self.stop)
            if rows or not self.start:
                return self._in_order([pk for pk, _total in rows]), rows[0][1] if rows else 0
            unsliced = self._clone()  # past the last match: the count alone says how far that is
            unsliced.start, unsliced.stop = 0, None
            return [], unsliced.count()
        objects_sql, objects_params = self._sql(self.query_compiler.queryset.order_by().values("pk"))
        limit = "" if self.stop is None else f"LIMIT {int(self.stop - self.start)}"
        if self.start:
            limit += f" OFFSET {int(self.start)}"
        rows = self._fetch(matches, RANKED_PAGE_SQL.format(objects=objects_sql, limit=limit), objects_params)
        return self._in_order([pk for _total, pk in rows if pk is not None]), rows[0][0]

    def _do_search(self):
        matches = self._matches()
        if matches is None:
            return super()._do_search()
        if self.query_compiler.order_by_relevance:
            return self.page_with_total()[0]
        queryset = self.query_compiler.queryset
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")  # modelsearch's default order
        rows = self._matching_rows(matches, queryset.values_list("pk"), self.start, self.stop)
        return self._in_order([pk for (pk,) in rows])

    def _do_count(self):
        matches = self._matches()
        if matches is None:
            return super()._do_count()
        sql, params = self._sql(
            self.query_compiler.queryset.order_by().values("pk").filter(pk__in=in_matches())
        )
        total = self._fetch(matches, f"SELECT COUNT(*) FROM ({sql}) AS objects", params)[0][0]
        count = max(0, total - self.start)
        return count if self.stop is None else min(count, self.stop - self.start)

    def facet(self, field_name):
        if self._matches() is None:
            return super().facet(field_name)
        return {values[0]: count for values, count in self.facet_counts(field_name).items()}

    def facet_counts(self, *field_names) -> dict[tuple, int]:
        """Matches per combination of the fields' values, most first, in one query."""
        for field_name in field_names:
            if self.query_compiler._get_filterable_field(field_name) is None:
                return super().facet(field_name)  # raises modelsearch's FilterFieldError
        matches = self._matches()
        if matches is None:  # modelsearch's query, grouped as its facet() groups one field
            queryset = self.query_compiler.search(
                self.query_compiler.get_config(self.backend), None, None, backend=self.backend
            )
            rows = queryset.values_list(*field_names).annotate(count=Count("pk")).order_by("-count")
        else:
            queryset = self.query_compiler.queryset.values_list(*field_names).annotate(count=Count("pk"))
            rows = self._matching_rows(matches, queryset.order_by("-count"))
        return {tuple(row[:-1]): row[-1] for row in rows}

    def facet_rows(self, field_names, around_sql: str, params=()) -> list[tuple] | None:
        """Rows of ``around_sql``, which reads the matches' counts per the fields as ``{counts}``
        (``search.backends.grouped``): one query, after the matching entries; None when
        nothing can match."""
        for field_name in field_names:
            if self.query_compiler._get_filterable_field(field_name) is None:
                return super().facet(field_name)  # raises modelsearch's FilterFieldError
        matches = self._matches()
        try:
            if matches is None:
                queryset = self.matching_queryset()
                sql, counts_params = grouped_counts(queryset, field_names).query.sql_with_params()
                return run(queryset, around(around_sql, sql), (*counts_params, *params))
            queryset = grouped_counts(self.query_compiler.queryset, field_names).filter(pk__in=in_matches())
            sql, counts_params = self._sql(queryset)
        except EmptyResultSet:  # nothing can match: no SQL to run
            return None
        return self._fetch(matches, around(around_sql, sql), (*counts_params, *params))


class BulkPostgresSearchBackend(PostgresSearchBackend):
    index_class = BulkPostgresIndex
    query_compiler_class = LeanPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = LeanPostgresAutocompleteQueryCompiler
    results_class = EntryFirstPostgresSearchResults
