"""A guest shopper, end to end in Chromium: browse, refine, buy, then find a product with autocomplete."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from catalogue.models import Order, ProductPage
from catalogue.tests.fixtures import add_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def products(kitchen, knives):
    """Kitchen (in the menu) holding cookware, and its Knives sub-category; one knife is sold out."""
    products = [
        add_product(knives, title="Chef Knife", price=Decimal("45.00"), stock=10),
        add_product(knives, title="Paring Knife", price=Decimal("12.50"), stock=5),
        add_product(knives, title="Bread Knife", price=Decimal("30.00"), stock=0),
        add_product(kitchen, title="Cast Iron Pan", price=Decimal("60.00"), stock=3),
        add_product(kitchen, title="Wooden Spoon", price=Decimal("4.00"), stock=50),
        add_product(kitchen, title="Copper Pot", price=Decimal("120.00"), stock=2),
    ]
    return {product.title: product for product in products}


def card_titles(page):
    return page.locator(".card-grid .product-card .card-title")


def test_guest_finds_buys_and_searches(page, live_server, products):
    chef_knife = products["Chef Knife"]

    page.goto(live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Kitchen").click()
    expect(page).to_have_url(f"{live_server.url}/kitchen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kitchen")
    # The listing covers the whole subtree, sub-category products included.
    expect(card_titles(page)).to_have_count(len(products))
    assert sorted(card_titles(page).all_inner_texts()) == sorted(products)
    expect(page.get_by_role("navigation", name="Sub-categories").get_by_role("link")).to_have_text(["Knives"])

    # £10–£70, in stock only, dearest first: the pan, then the two knives still for sale.
    page.locator("#sort").select_option("price_desc")
    page.locator("#min_price").fill("10")
    page.locator("#max_price").fill("70")
    page.get_by_label("In stock only").check()
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(
        f"{live_server.url}/kitchen/?sort=price_desc&min_price=10&max_price=70&in_stock=1"
    )
    expect(card_titles(page)).to_have_text(["Cast Iron Pan", "Chef Knife", "Paring Knife"])
    expect(page.locator("#sort")).to_have_value("price_desc")
    expect(page.get_by_label("In stock only")).to_be_checked()

    page.locator(".product-card").filter(has_text="Chef Knife").get_by_role("link").first.click()
    expect(page).to_have_url(f"{live_server.url}/kitchen/knives/{chef_knife.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chef Knife")

    buy_box = page.locator(".buy-box")
    buy_box.get_by_label("Quantity").fill("2")
    buy_box.get_by_role("button", name="Add to cart").click()
    expect(page.locator(".messages .message-success")).to_have_text("Added 2 × Chef Knife to your cart.")
    expect(page.locator("[data-cart-count]")).to_have_text("2")

    page.locator(".cart-link").click()
    expect(page).to_have_url(f"{live_server.url}/cart/")
    line = page.locator(".cart-line")
    expect(line).to_have_count(1)
    expect(line.locator(".cart-line__title")).to_have_text("Chef Knife")
    expect(line.get_by_label("Quantity of Chef Knife")).to_have_value("2")
    expect(page.locator(".cart-summary")).to_contain_text("Subtotal (2 items)")
    expect(page.locator(".cart-summary")).to_contain_text("€90.00")

    page.get_by_role("link", name="Go to checkout").click()
    expect(page).to_have_url(f"{live_server.url}/checkout/")
    address = {
        "email": "guest@example.com",
        "full_name": "Gus Guest",
        "address_line1": "1 High Street",
        "city": "London",
        "postcode": "N1 1AA",
    }
    for name, value in address.items():
        page.locator(f"form [name={name}]").fill(value)
    page.locator("form [name=country]").select_option("GB")
    page.get_by_label("Express delivery").check()
    page.get_by_label("Bank transfer").check()
    page.get_by_role("button", name="Place order").click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Thank you! Order ")
    order = Order.objects.get()
    expect(heading).to_have_text(f"Thank you! Order {order.number}")
    expect(page.locator("[data-cart-count]")).to_have_text("0")
    assert order.email == "guest@example.com"
    assert order.user is None
    assert (order.shipping_method, order.payment_method, order.country) == ("express", "bank_transfer", "GB")
    assert order.subtotal == Decimal("90.00")
    assert order.total == Decimal("102.50")  # express delivery is never free
    assert [(line.product_title, line.quantity) for line in order.lines.all()] == [("Chef Knife", 2)]
    assert ProductPage.objects.get(pk=chef_knife.pk).stock == 8

    # Autocomplete: typing offers matching products; choosing one opens it.
    paring_knife = products["Paring Knife"]
    search_box = page.locator("#site-search")
    search_box.press_sequentially("Pari", delay=30)
    suggestions = page.locator("#site-search-suggestions [role=option]")
    expect(suggestions).to_have_count(1)
    expect(suggestions).to_contain_text(["Paring Knife"])
    expect(search_box).to_have_attribute("aria-expanded", "true")
    suggestions.first.click()
    expect(page).to_have_url(f"{live_server.url}/kitchen/knives/{paring_knife.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Paring Knife")


@pytest.mark.parametrize("context_options", [{"java_script_enabled": False}], ids=["no-js"])
def test_search_without_script_lists_results_to_click(page, live_server, products):
    """The header box is a plain form too: with JavaScript off, Enter shows a results page to click through."""
    page.goto(live_server.url)
    page.locator("#site-search").fill("knife")
    page.locator("#site-search").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/search/?q=knife")
    expect(page.locator("#site-search-suggestions")).to_have_count(0)
    results = page.locator(".search-results .product-card")
    expect(results.locator(".card-title")).to_have_count(3)
    results.filter(has_text="Bread Knife").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bread Knife")
    expect(page.locator(".buy-box")).to_contain_text("Sold out")
