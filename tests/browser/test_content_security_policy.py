"""Chromium reports no Content-Security-Policy violation on the shop's pages, on a phone or a desktop."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from catalogue.tests.fixtures import add_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Runs before any page script: it records every violation the page itself reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.mark.parametrize("width", [390, 1366])
def test_no_policy_violations_from_home_to_checkout(page, live_server, kitchen, knives, width, settings):
    settings.PAGE_CACHE_SECONDS = 600  # the second visit of each page is a cache hit
    product = add_product(knives, title="Chef Knife", price=Decimal("45.00"), stock=10)
    page.set_viewport_size({"width": width, "height": 900})
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)

    def visit(path):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        violations = page.evaluate("window.__cspViolations")
        assert violations == [], f"{path} at {width}px: {violations}"

    for path in ("/", kitchen.url, product.url, "/", kitchen.url, product.url, "/search/?q=knife"):
        visit(path)
    if page.locator("[data-search-toggle]").is_visible():  # phones open the search box on demand
        page.locator("[data-search-toggle]").click()
    page.locator("#site-search").fill("")
    page.locator("#site-search").press_sequentially("Chef", delay=30)  # autocomplete's fetch
    expect(page.locator("#site-search-suggestions [role=option]")).to_have_count(1)
    page.goto(f"{live_server.url}{product.url}")
    page.locator(".buy-box").get_by_role("button", name="Add to cart").click()
    expect(page.locator("[data-cart-count]")).to_have_text("1")
    visit("/cart/")
    visit("/checkout/")
    assert page.evaluate("window.__cspViolations") == []
    assert not [text for text in console if "Content Security Policy" in text], console


def test_no_policy_violations_for_an_editor_with_the_wagtail_user_bar(page, live_server, knives):
    from users.factories import DEFAULT_PASSWORD, UserFactory

    editor = UserFactory(superuser=True)
    product = add_product(knives, title="Edited knife")
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(editor.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{live_server.url}/admin/")
    for path in ("/", knives.url, product.url):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("wagtail-userbar")).to_have_count(1)
        page.locator("wagtail-userbar").locator("button").first.click()
        page.wait_for_timeout(500)
        assert page.evaluate("window.__cspViolations") == [], path
