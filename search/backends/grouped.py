"""Facet counts over several fields, read through SQL of the caller's around them, in one query.

``facet_rows(fields, around, params)`` groups the matches by ``fields`` and runs
``around``, a statement that reads the grouped counts as the derived table ``{counts}``,
with the columns ``f0``, ``f1``, … (the fields' values) and ``n`` (the matches). The
search page joins the brand and category labels to the counts that way, so counting and
naming the facets is one round trip on every database backend.
"""

from django.db import connections
from django.db.models import Count, F

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

    def facet_rows(self, field_names, around_sql: str, params=()) -> list[tuple]:
        for field_name in field_names:
            if self.query_compiler._get_filterable_field(field_name) is None:
                return self.facet(field_name)  # raises modelsearch's FilterFieldError
        queryset = self.matching_queryset()
        counts_sql, counts_params = grouped_counts(queryset, field_names).query.sql_with_params()
        return run(queryset, around(around_sql, counts_sql), (*counts_params, *params))
