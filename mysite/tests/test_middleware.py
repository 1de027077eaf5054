"""RequestDurationMiddleware: every response carries its duration, and slow requests are logged."""

import logging

import pytest

SLOW_LOGGER = "mysite.slow_requests"


@pytest.mark.django_db
def test_every_response_carries_x_request_duration(client):
    response = client.get("/healthz")

    assert float(response["X-Request-Duration"]) >= 0


@pytest.mark.django_db
def test_even_a_404_carries_x_request_duration(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert float(response["X-Request-Duration"]) >= 0


@pytest.mark.django_db
def test_a_request_slower_than_the_threshold_is_logged(client, settings, caplog):
    settings.SLOW_REQUEST_SECONDS = 0

    with caplog.at_level(logging.WARNING, logger=SLOW_LOGGER):
        client.get("/healthz")

    [record] = [record for record in caplog.records if record.name == SLOW_LOGGER]
    assert record.levelno == logging.WARNING
    assert record.getMessage().startswith("Slow request: GET /healthz took ")


@pytest.mark.django_db
def test_a_fast_request_is_not_logged(client, settings, caplog):
    settings.SLOW_REQUEST_SECONDS = 60

    with caplog.at_level(logging.WARNING, logger=SLOW_LOGGER):
        client.get("/healthz")

    assert not [record for record in caplog.records if record.name == SLOW_LOGGER]
