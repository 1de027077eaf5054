"""The storefront API's Swagger UI renders in Chromium from local assets, with no CSP violation."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_swagger_ui_renders_the_schema_under_the_policy(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(f"{live_server.url}/api/docs/")
    assert response.status == 200
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Wagtail Shop storefront API")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/products/").first).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []
    assert [
        url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")
    ] == []
