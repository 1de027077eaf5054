"""The storefront's layout in Chromium at a phone (390 px) and a desktop (1366 px) width.

Each check is one the shop failed before: sideways scrolling, a hero headline under the
sticky header, products pushed below the filters, a header that jumped when the script
loaded, filters that could not be folded away.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect
from wagtail.blocks import StreamValue

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.tests.fixtures import add_product, make_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-390", "desktop-1366"])


@pytest.fixture
def storefront(home_page, kitchen, knives):
    """A home page built from the merchandising blocks, a category of knives, a story about two of them."""
    kitchen.hero_image = make_image("kitchen-hero", size=(1600, 600))
    kitchen.intro = "Pans, pots and the knives to go with them, chosen by people who cook every day."
    kitchen.save_revision().publish()
    knives.hero_image = make_image("knives-hero", size=(1600, 600))
    knives.save_revision().publish()
    products = [
        add_product(
            knives,
            title=f"Hand-forged {name} knife with a very long descriptive name",
            price=Decimal(price),
            stock=stock,
        )
        for name, price, stock in [
            ("chef", "89.00", 12),
            ("paring", "24.50", 3),
            ("bread", "39.00", 0),
            ("santoku", "79.00", 8),
            ("utility", "45.00", 20),
            ("boning", "52.00", 6),
        ]
    ]
    stories = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(
        parent=stories,
        title="A week in a professional kitchen",
        hero_image=make_image("story-hero", size=(1200, 600)),
        body__0__product__product=products[0],
        body__1__product__product=products[2],
    )
    home_page.body = StreamValue(
        home_page.body.stream_block,
        [
            (
                "hero",
                {
                    "heading": "Good tools for good kitchens",
                    "text": "Knives, pans and coffee kit chosen by people who use them every day.",
                    "image": make_image("home-hero", size=(1600, 700)),
                    "link_page": kitchen,
                    "link_text": "Shop now",
                },
            ),
            ("featured_products", {"heading": "Best sellers", "products": [], "limit": 4}),
            (
                "category_tiles",
                {"heading": "Shop by category", "tiles": [{"category": kitchen}, {"category": knives}]},
            ),
            ("latest_stories", {"heading": "From our stories", "limit": 3}),
        ],
    )
    home_page.save_revision().publish()
    return {"products": products, "story": story, "knives": knives}


def open_at(new_page, viewport, **options):
    page = new_page(**options)
    page.set_viewport_size(viewport)
    return page


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def header_bottom(page) -> float:
    return (
        page.locator(".site-header").bounding_box()["y"]
        + page.locator(".site-header").bounding_box()["height"]
    )


@WIDTHS
def test_no_page_scrolls_sideways(new_page, live_server, storefront, viewport):
    page = open_at(new_page, viewport)
    paths = [
        "/",
        storefront["knives"].url,
        storefront["products"][0].url,
        storefront["story"].url,
        "/stories/",
        "/search/?q=knife",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        assert horizontal_overflow(page) <= 0, f"{path} scrolls sideways at {viewport['width']} px"


def test_phone_hero_headline_shows_below_the_header_without_scrolling(new_page, live_server, storefront):
    page = open_at(new_page, PHONE)
    page.goto(live_server.url)

    headline = page.get_by_role("heading", level=1, name="Good tools for good kitchens").bounding_box()

    assert headline["y"] >= header_bottom(page)
    assert headline["y"] + headline["height"] <= PHONE["height"]
    assert page.locator(".site-header").bounding_box()["height"] <= 100  # compact: bar and menu strip


def test_phone_category_shows_its_first_product_without_scrolling(new_page, live_server, storefront):
    page = open_at(new_page, PHONE)
    page.goto(live_server.url + storefront["knives"].url)

    first_card = page.locator(".card-grid .product-card").first.bounding_box()
    second_card = page.locator(".card-grid .product-card").nth(1).bounding_box()

    assert first_card["y"] >= header_bottom(page)
    assert first_card["y"] + 120 <= PHONE["height"], "at least the top of the picture shows"
    # Two columns: the second card sits beside the first, not below it.
    assert second_card["y"] == first_card["y"] and second_card["x"] > first_card["x"]


def test_phone_filter_drawer_opens_and_a_chip_removes_its_filter(new_page, live_server, storefront):
    page = open_at(new_page, PHONE)
    knives_url = live_server.url + storefront["knives"].url
    page.goto(knives_url)

    drawer_toggle = page.get_by_text("Filter and sort")
    expect(page.locator("#sort")).to_be_hidden()
    drawer_toggle.click()
    expect(page.locator("#sort")).to_be_visible()
    page.get_by_label("In stock only").check()
    page.locator("#min_price").fill("30")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(f"{knives_url}?sort=featured&min_price=30&max_price=&in_stock=1")
    expect(page.locator(".card-grid .product-card")).to_have_count(4)

    chips = page.get_by_role("list", name="Active filters")
    chips.get_by_role("link", name="Remove filter: In stock only").click()
    expect(page).to_have_url(f"{knives_url}?sort=featured&min_price=30&max_price=")
    expect(page.locator(".card-grid .product-card")).to_have_count(5)  # the sold-out bread knife is back
    expect(chips.get_by_role("link", name="Remove filter: In stock only")).to_have_count(0)

    chips.get_by_role("link", name="Clear all").click()
    expect(page).to_have_url(knives_url)
    expect(page.locator(".card-grid .product-card")).to_have_count(6)


def test_desktop_shows_filters_beside_the_grid_without_opening_anything(new_page, live_server, storefront):
    page = open_at(new_page, DESKTOP)
    page.goto(live_server.url + storefront["knives"].url)

    expect(page.locator("#sort")).to_be_visible()
    assert (
        page.locator("#listing-filters").bounding_box()["x"] < page.locator(".card-grid").bounding_box()["x"]
    )


def test_phone_search_opens_on_demand_and_desktop_shows_the_box(new_page, live_server, storefront):
    phone = open_at(new_page, PHONE)
    phone.goto(live_server.url)
    toggle = phone.locator("[data-search-toggle]")
    expect(phone.locator("#site-search")).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(phone.locator("#site-search")).to_be_visible()
    expect(phone.locator("#site-search")).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    desktop = open_at(new_page, DESKTOP)
    desktop.goto(live_server.url)
    expect(desktop.locator("#site-search")).to_be_visible()
    expect(desktop.locator("[data-search-toggle]")).to_be_hidden()


def test_phone_search_without_script_is_a_link_to_the_search_page(new_page, live_server, storefront):
    page = open_at(new_page, PHONE, java_script_enabled=False)
    page.goto(live_server.url)

    page.get_by_role("link", name="Search").first.click()

    expect(page).to_have_url(f"{live_server.url}/search/")
    expect(page.locator("#search-page-q")).to_be_visible()


@WIDTHS
def test_header_is_the_same_size_with_and_without_script(new_page, live_server, storefront, viewport):
    """site.js swaps "no-js" for "js": nothing in the header may depend on it (the old cause of CLS 0.35–0.48)."""
    url = live_server.url + storefront["products"][0].url
    scripted = open_at(new_page, viewport)
    scripted.goto(url)
    plain = open_at(new_page, viewport, java_script_enabled=False)
    plain.goto(url)

    assert scripted.evaluate("document.documentElement.className") == "js"
    assert scripted.locator(".site-header").bounding_box() == plain.locator(".site-header").bounding_box()


CUMULATIVE_LAYOUT_SHIFT = """
() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) total += entry.value;
        }
    }).observe({ type: "layout-shift", buffered: true });
    setTimeout(() => resolve(total), 1000);
})
"""


def test_phone_product_page_does_not_shift_as_it_loads(new_page, live_server, storefront):
    page = open_at(new_page, PHONE)
    page.goto(live_server.url + storefront["products"][0].url, wait_until="load")

    assert page.evaluate(CUMULATIVE_LAYOUT_SHIFT) < 0.02


def test_sold_out_card_says_so_once_and_buttons_line_up_across_a_row(new_page, live_server, storefront):
    page = open_at(new_page, DESKTOP)
    page.goto(live_server.url + storefront["knives"].url)

    bread = page.locator(".product-card").filter(has_text="Hand-forged bread knife")
    expect(bread.get_by_text("Sold out")).to_have_count(1)
    buttons = page.locator(".product-card .card-actions button")
    tops = {round(buttons.nth(n).bounding_box()["y"]) for n in range(3)}
    assert len(tops) == 1, f"the first row's buttons sit at different heights: {tops}"


def test_story_shows_its_products_with_live_price_and_stock(new_page, live_server, storefront):
    page = open_at(new_page, PHONE)
    page.goto(live_server.url + storefront["story"].url)

    chef = page.locator(".shoppable .product-card").filter(has_text="Hand-forged chef knife")
    expect(chef.locator(".price")).to_contain_text("89.00")
    expect(chef.get_by_role("button", name="Add to cart")).to_be_visible()
    bread = page.locator(".shoppable .product-card").filter(has_text="Hand-forged bread knife")
    expect(bread).to_contain_text("Sold out")
