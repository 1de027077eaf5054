"""The committed OpenAPI file matches the code, and the docs page renders from local assets under the CSP."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
REGENERATE = "DJANGO_SETTINGS_MODULE=mysite.settings.test .venv/bin/python manage.py spectacular --file docs/openapi.yaml"


def test_committed_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", file=str(generated), validate=True, fail_on_warn=True)
    assert generated.read_text() == SCHEMA_FILE.read_text(), f"docs/openapi.yaml is stale; run: {REGENERATE}"


@pytest.mark.django_db
def test_schema_endpoint_serves_the_storefront_api_only(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/products/" in paths and "/api/v1/checkout/" in paths
    assert not [path for path in paths if not path.startswith("/api/v1/")]


@pytest.mark.django_db
def test_every_operation_has_response_examples(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    missing = [
        f"{method.upper()} {path}"
        for path, operations in paths.items()
        for method, operation in operations.items()
        if not any(
            "examples" in content
            for response in operation["responses"].values()
            for content in response.get("content", {}).values()
        )
    ]
    assert missing == []


@pytest.mark.django_db
def test_write_operations_have_request_examples(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    missing = [
        f"{method.upper()} {path}"
        for path, operations in paths.items()
        for method, operation in operations.items()
        if "requestBody" in operation
        and not any("examples" in content for content in operation["requestBody"]["content"].values())
    ]
    assert missing == []


@pytest.mark.django_db
def test_docs_page_loads_swagger_ui_from_this_site_under_the_csp(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    # No inline script or style, which the site's policy (script-src/style-src 'self') would block.
    assert "<script>" not in html and "<style>" not in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    # The assets come with the installed sidecar package, so collectstatic ships them.
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{asset}")


@pytest.mark.django_db
def test_docs_init_script_is_served_as_javascript(client):
    response = client.get("/api/docs/", {"script": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()
