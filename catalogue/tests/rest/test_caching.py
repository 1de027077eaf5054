"""Anonymous catalogue GETs revalidate by ETag and change with the content generation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from catalogue.tests.fixtures import add_product
from users.factories import UserFactory


@pytest.mark.django_db
def test_catalogue_answers_carry_an_etag_and_must_revalidate(client, knives):
    add_product(knives, image=False)
    response = client.get("/api/v1/products/")
    assert response["ETag"].startswith('"')
    assert response["Cache-Control"] == "public, no-cache"
    assert "Authorization" in response["Vary"] and "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_a_matching_etag_is_answered_304_without_a_query(client, knives):
    add_product(knives, image=False)
    etag = client.get("/api/v1/categories/")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/categories/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert [query["sql"] for query in queries.captured_queries if "catalogue" in query["sql"]] == []


@pytest.mark.django_db
def test_publishing_changes_the_etag_and_the_answer(client, knives):
    product = add_product(knives, image=False, title="Old name")
    first = client.get(f"/api/v1/products/{product.pk}/")
    product.title = "New name"
    product.save_revision().publish()
    second = client.get(f"/api/v1/products/{product.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.json()["title"] == "New name"


@pytest.mark.django_db
def test_each_query_string_has_its_own_etag(client, knives):
    add_product(knives, image=False)
    assert (
        client.get("/api/v1/products/")["ETag"] != client.get("/api/v1/products/", {"sort": "name"})["ETag"]
    )


@pytest.mark.django_db
def test_signed_in_answers_are_private_and_uncached(knives):
    add_product(knives, image=False)
    api = APIClient()
    api.force_authenticate(UserFactory())
    response = api.get("/api/v1/products/")
    assert response["Cache-Control"] == "private, no-cache"
    assert not response.has_header("ETag")


@pytest.mark.django_db
def test_errors_are_not_cached_as_content(client, knives):
    response = client.get("/api/v1/products/", {"page": 99})
    assert response.status_code == 404
    assert not response.has_header("ETag")
