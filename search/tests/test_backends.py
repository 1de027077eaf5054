"""The shop's search backend: Wagtail's database backend, with two tuned parts that must not change results."""

import pytest
from django.db import connection
from modelsearch.backends.database.postgres.postgres import PostgresIndex
from wagtail.search.backends import get_search_backend

from catalogue.models import ProductPage
from catalogue.tests.fixtures import add_product


@pytest.mark.django_db
def test_the_backend_matches_the_database_in_use():
    backend = type(get_search_backend()).__name__

    expected = {"postgresql": "BulkPostgresSearchBackend", "sqlite": "TitleFirstSQLiteSearchBackend"}
    assert backend == expected[connection.vendor]


@pytest.mark.postgres
@pytest.mark.django_db
def test_bulk_indexing_writes_the_rows_modelsearch_would(knives, opinel):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's index rows")
    product = add_product(
        knives,
        title="Santoku knife",
        brand=opinel,
        tags=["steel", "gift"],
        short_description="A Japanese all-rounder.",
        body__0__paragraph__value="<p>Forged in Seki, honed by hand.</p>",
    )
    backend = get_search_backend()
    columns = "title::text, autocomplete::text, body::text, title_text, body_text, title_norm"

    def row():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM wagtailsearch_indexentry WHERE object_id = %s", [str(product.pk)]
            )
            return cursor.fetchone()

    objects = list(ProductPage.get_indexed_objects().filter(pk=product.pk))
    PostgresIndex(backend).add_items(ProductPage, objects)
    theirs = row()
    backend.add_bulk(ProductPage, objects)
    ours = row()

    assert ours == theirs
    assert "'seki'" in ours[2] and "'gift'" in ours[2] and "'opinel'" in ours[2]
