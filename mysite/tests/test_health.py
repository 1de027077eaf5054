"""GET /healthz: 200 while the database answers, 503 when it does not, and an honest cache status."""

from unittest import mock

import pytest
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_healthz_reports_database_and_cache_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down(client, caplog):
    # Fault injection kept narrow: only opening a cursor fails, and only for this request.
    with mock.patch.object(
        connection, "ensure_connection", side_effect=OperationalError("could not connect to server")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}
    assert "Health check: database unreachable" in caplog.text


@pytest.mark.django_db
def test_healthz_reports_cache_degraded_but_stays_200_when_redis_is_unreachable(client, unreachable_redis):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}


@pytest.mark.django_db
def test_pages_keep_serving_when_redis_is_unreachable(client, unreachable_redis):
    # Reads miss and writes are dropped instead of raising.
    unreachable_redis.set("key", "value")
    assert unreachable_redis.get("key") is None

    response = client.get("/")

    assert response.status_code == 200
    assert b"skip-link" in response.content
