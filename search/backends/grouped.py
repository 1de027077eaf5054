"""Several reads of search matches as one SQL statement: facet counts with SQL around them,
and the best matches of several searches together.

``facet_rows(fields, around, params)`` groups the matches by ``fields`` and runs
``around``, a statement that reads the grouped counts as the derived table ``{counts}``,
with the columns ``f0``, ``f1``, … (the fields' values) and ``n`` (the matches). The
search page joins the brand and category labels to the counts that way, so counting and
naming the facets is one round trip on every database backend.

``best_of(querysets, fields, limit)`` runs the first ``limit`` rows of each ranked
queryset (``matching_queryset()``) in one ``UNION ALL``, and gives back model instances
with ``fields`` loaded: the categories and stories beside the products are one query.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

COUNTS = "{counts}"


def grouped_counts(queryset, field_names):
    """The queryset's rows grouped by the fields, as ``f0``, ``f1``, … and ``n``."""
    columns = {f"f{index}": F(name) for index, name in enumerate(field_names)}
    return queryset.order_by().values(**columns).annotate(n=Count("pk"))


def run(queryset, sql: str, params) -> list[tuple]:
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def around(around_sql: str, counts_sql: str) -> str:
    if COUNTS not in around_sql:
        raise ValueError("The statement around the facet counts must read them as {counts}.")
    return around_sql.replace(COUNTS, f"({counts_sql})")


class GroupedRowsMixin:
    """``facet_rows`` for results whose matches are a Django queryset (modelsearch's own SQL)."""

    def matching_queryset(self):
        compiler = self.query_compiler
        return compiler.search(compiler.get_config(self.backend), None, None)

    def facet_rows(self, field_names, around_sql: str, params=()) -> list[tuple] | None:
        """Rows of ``around_sql`` around the counts; None when nothing can match (no SQL to run)."""
        for field_name in field_names:
            if self.query_compiler._get_filterable_field(field_name) is None:
                return self.facet(field_name)  # raises modelsearch's FilterFieldError
        queryset = self.matching_queryset()
        try:
            counts_sql, counts_params = grouped_counts(queryset, field_names).query.sql_with_params()
        except EmptyResultSet:
            return None
        return run(queryset, around(around_sql, counts_sql), (*counts_params, *params))


def best_of(querysets: dict, field_names: list[str], limit: int) -> dict[str, list]:
    """The first ``limit`` objects of each queryset (in its order), with these fields loaded, in one query.

    Every model must have every field; the others stay deferred. Keys are the caller's.
    """
    if not querysets:
        return {}
    aliases = {f"r{index}": F(name) for index, name in enumerate(field_names)}
    columns = ", ".join(aliases)
    parts, params = [], []
    for number, queryset in enumerate(querysets.values()):
        # Each row's place in its queryset's order, so the statement can keep that order.
        position = Window(RowNumber(), order_by=_ordering(queryset) or None)
        try:
            sql, part_params = queryset.values(**aliases, position=position)[:limit].query.sql_with_params()
        except EmptyResultSet:  # nothing can match: no part in the statement
            continue
        parts.append(f"SELECT {number} AS part, position, {columns} FROM ({sql}) AS part_{number}")
        params.extend(part_params)
    found: dict[str, list] = {key: [] for key in querysets}
    if not parts:
        return found
    rows = run(next(iter(querysets.values())), " UNION ALL ".join(parts) + " ORDER BY part, position", params)
    keys = list(querysets)
    for part, _position, *values in rows:
        queryset = querysets[keys[part]]
        found[keys[part]].append(_instance(queryset, field_names, values))
    return found


def _ordering(queryset) -> list:
    """The queryset's ORDER BY as expressions (its model's default ordering if it names none)."""
    query = queryset.query
    ordering = query.order_by or (query.get_meta().ordering if query.default_ordering else ())
    return [
        item if not isinstance(item, str) else F(item[1:]).desc() if item.startswith("-") else F(item).asc()
        for item in ordering
    ]


def _instance(queryset, field_names: list[str], values: list):
    model = queryset.model
    by_name = dict(zip(field_names, values, strict=True))
    by_name.setdefault(model._meta.pk.attname, by_name["id"])
    loaded = [field.attname for field in model._meta.concrete_fields if field.attname in by_name]
    return model.from_db(queryset.db, loaded, [by_name[name] for name in loaded])
