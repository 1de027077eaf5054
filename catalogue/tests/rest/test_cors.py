"""Cross-origin browsers reach /api/ only from the origins the environment lists."""

import pytest

PREFLIGHT = {
    "HTTP_ORIGIN": "https://app.example.com",
    "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST",
    "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "content-type,x-cart-token",
}


@pytest.fixture
def allowed_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]


@pytest.mark.django_db
def test_a_listed_origin_passes_the_preflight_with_credentials(client, allowed_origin):
    response = client.options("/api/v1/cart/lines/", **PREFLIGHT)
    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "x-cart-token" in response["Access-Control-Allow-Headers"]


@pytest.mark.django_db
def test_an_unlisted_origin_gets_no_cors_headers(client, allowed_origin):
    response = client.options(
        "/api/v1/cart/lines/", **{**PREFLIGHT, "HTTP_ORIGIN": "https://evil.example.net"}
    )
    assert not response.has_header("Access-Control-Allow-Origin")


@pytest.mark.django_db
def test_cors_covers_the_api_only(client, allowed_origin):
    response = client.get("/", HTTP_ORIGIN="https://app.example.com")
    assert not response.has_header("Access-Control-Allow-Origin")


@pytest.mark.django_db
def test_the_cart_token_header_is_readable_cross_origin(client, allowed_origin, knives):
    response = client.get("/api/v1/cart/", HTTP_ORIGIN="https://app.example.com")
    assert "x-cart-token" in response["Access-Control-Expose-Headers"]
