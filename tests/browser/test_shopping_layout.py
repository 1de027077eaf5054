"""Cart, checkout, confirmation and account pages at a phone's 390 px and a laptop's 1366 px, in Chromium.

Nothing may scroll sideways; the cart total, each line's Remove and the Place order
button must be reachable; the checkout total must come before Place order.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from catalogue.models import CartLine, Order
from catalogue.tests.fixtures import add_product
from users.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
LONG_TITLE = "Hand-forged Damascus steel chef's knife with a walnut handle"


@pytest.fixture
def products(knives):
    return [
        add_product(knives, title=LONG_TITLE, price=Decimal("1249.00"), stock=10),
        add_product(knives, title="Paring knife", price=Decimal("12.50"), stock=5),
    ]


def assert_no_horizontal_overflow(page):
    extra = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert extra <= 0, f"{page.url} scrolls {extra}px sideways"


def assert_reachable(page, locator):
    """Scrolled to, it shows whole inside the viewport's width."""
    locator.scroll_into_view_if_needed()
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)


def add_to_cart(page, live_server, product):
    page.goto(live_server.url + product.url)
    page.locator("form[action='/cart/add/'] button[type=submit]").first.click()
    expect(page.locator("[data-cart-count]").first).not_to_have_text("0")


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("form[action='/accounts/login/'] button[type=submit]").click()
    expect(page.get_by_role("navigation", name="Your account")).to_be_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_cart_checkout_and_account_pages_fit_and_keep_the_totals_reachable(
    page, live_server, products, viewport
):
    page.set_viewport_size(viewport)
    user = UserFactory(email="layout@example.com", first_name="Lee")
    sign_in(page, live_server, user)
    for product in products:
        add_to_cart(page, live_server, product)

    page.goto(f"{live_server.url}/cart/")
    assert_no_horizontal_overflow(page)
    lines = page.locator(".cart-line")
    expect(lines).to_have_count(2)
    for index in range(2):
        assert_reachable(page, lines.nth(index).get_by_role("button", name="Remove"))
    total = page.locator("[data-cart-subtotal]")
    assert_reachable(page, total)
    expect(total).to_have_text("€1,261.50")

    # The + stepper, enhanced: the page stays put and the line and the total follow.
    first = page.locator(".cart-line").filter(has_text=LONG_TITLE)
    first.get_by_role("button", name=f"One more {LONG_TITLE}").click()
    expect(page.locator("[data-cart-subtotal]")).to_have_text("€2,510.50")
    expect(page.get_by_label(f"Quantity of {LONG_TITLE}")).to_have_value("2")
    expect(page.get_by_role("button", name=f"One more {LONG_TITLE}")).to_be_focused()
    assert CartLine.objects.get(product=products[0]).quantity == 2
    assert_no_horizontal_overflow(page)

    page.get_by_role("link", name="Go to checkout").click()
    expect(page).to_have_url(f"{live_server.url}/checkout/")
    assert_no_horizontal_overflow(page)
    summary_total = page.locator("[data-summary-total]")
    place_order = page.get_by_role("button", name="Place order")
    expect(summary_total).to_have_text("€2,510.50")  # standard delivery is free over €75
    assert_reachable(page, summary_total)
    assert_reachable(page, place_order)
    # Before the button in reading order, and above it on screen.
    assert summary_total.evaluate(
        "(el, button) => !!(el.compareDocumentPosition(button) & 4)", place_order.element_handle()
    )
    assert summary_total.bounding_box()["y"] < place_order.bounding_box()["y"]
    page.get_by_label("Express delivery").check()
    expect(summary_total).to_have_text("€2,523.00")
    expect(page.locator("[data-summary-shipping]")).to_have_text("€12.50")

    for name, value in {
        "full_name": "Lee Layout",
        "address_line1": "1 Quay",
        "city": "Cork",
        "postcode": "T12",
    }.items():
        page.locator(f"form [name={name}]").fill(value)
    place_order.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you! Order ")
    assert_no_horizontal_overflow(page)
    expect(page.locator(".order-address")).to_contain_text("Ireland")
    order = Order.objects.get()
    assert order.country == "IE" and order.total == Decimal("2523.00")

    for path in (
        "/accounts/",
        "/accounts/orders/",
        f"/accounts/orders/{order.reference}/",
        "/accounts/profile/",
        "/accounts/password/change/",
    ):
        page.goto(live_server.url + path)
        expect(
            page.get_by_role("navigation", name="Your account").get_by_role("link", name="Orders")
        ).to_be_visible()
        assert_no_horizontal_overflow(page)

    # The invoice: its tables scroll inside their own box, never the page; printed, only the document.
    page.goto(f"{live_server.url}/accounts/orders/{order.reference}/")
    page.get_by_role("link", name="View or print the invoice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Invoice {order.number}")
    assert_no_horizontal_overflow(page)
    assert_reachable(page, page.locator(".invoice__totals .summary-total dd"))
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    expect(page.locator(".invoice__table").first).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    page.emulate_media(media="screen")


@pytest.mark.parametrize("context_options", [{"java_script_enabled": False}], ids=["no-js"])
def test_steppers_and_checkout_summary_work_without_javascript(page, live_server, products):
    page.set_viewport_size(VIEWPORTS["phone"])
    add_to_cart(page, live_server, products[1])
    page.goto(f"{live_server.url}/cart/")
    page.get_by_role("button", name="One more Paring knife").click()
    expect(page.get_by_label("Quantity of Paring knife")).to_have_value("2")
    expect(page.locator("[data-cart-subtotal]")).to_have_text("€25.00")
    page.get_by_role("button", name="One fewer Paring knife").click()
    expect(page.get_by_label("Quantity of Paring knife")).to_have_value("1")
    assert_no_horizontal_overflow(page)

    page.goto(f"{live_server.url}/checkout/")
    expect(page.locator("[data-summary-total]")).to_have_text("€17.45")
    expect(page.locator("[data-summary-rates]")).to_contain_text(
        "Express delivery (next working day): €12.50 shipping, €25.00 in total"
    )
    assert_no_horizontal_overflow(page)
