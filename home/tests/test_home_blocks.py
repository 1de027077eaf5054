"""The home page's merchandising blocks, as shoppers see them."""

import pytest
from wagtail.blocks import StreamValue

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.tests.fixtures import add_product, make_image

pytestmark = pytest.mark.django_db


def publish_body(home_page, blocks):
    home_page.body = StreamValue(home_page.body.stream_block, blocks)
    home_page.save_revision().publish()


def test_featured_products_show_the_picks_as_cards_with_live_price_and_stock(client, home_page, knives):
    picked = add_product(knives, title="Picked knife", stock=2)
    add_product(knives, title="Not picked")
    publish_body(
        home_page, [("featured_products", {"heading": "Our picks", "products": [picked], "limit": 4})]
    )

    html = client.get("/").content.decode()

    assert '<h2 class="section-heading" id="featured-' in html and ">Our picks</h2>" in html
    assert "Picked knife" in html and "Not picked" not in html
    assert "Only 2 left" in html


def test_shop_blocks_load_their_own_rows_without_the_front_page_loader(client, home_page, knives, settings):
    from home.serving import hooks as serving_hooks

    settings.SHOP_SERVING_HOOKS = {
        name: path for name, path in settings.SHOP_SERVING_HOOKS.items() if name != "preload_home_blocks"
    }
    serving_hooks.clear()
    picked = add_product(knives, title="Picked knife", stock=2)
    publish_body(
        home_page, [("featured_products", {"heading": "Our picks", "products": [picked], "limit": 4})]
    )
    try:
        html = client.get("/").content.decode()
    finally:
        serving_hooks.clear()

    assert ">Our picks</h2>" in html and "Picked knife" in html and "Only 2 left" in html


def test_featured_products_fall_back_to_best_sellers_when_the_pick_is_sold_out(client, home_page, knives):
    sold_out = add_product(knives, title="Sold out pick", stock=0)
    add_product(knives, title="On the shelf", stock=4)
    publish_body(home_page, [("featured_products", {"heading": "Picks", "products": [sold_out], "limit": 4})])

    html = client.get("/").content.decode()

    assert "On the shelf" in html
    assert "Sold out pick" not in html


def test_category_tiles_link_to_categories_over_their_own_pictures(client, home_page, kitchen, knives):
    kitchen.hero_image = make_image("kitchen-hero")
    kitchen.save_revision().publish()
    own_picture = make_image("knives-tile")
    publish_body(
        home_page,
        [
            (
                "category_tiles",
                {
                    "heading": "Shop by category",
                    "tiles": [
                        {"category": kitchen, "image": None, "label": ""},
                        {"category": knives, "image": own_picture, "label": "All the knives"},
                    ],
                },
            )
        ],
    )

    html = client.get("/").content.decode()

    assert '<a class="tile" href="/kitchen/">' in html
    assert '<span class="tile__label">Kitchen</span>' in html
    assert '<span class="tile__label">All the knives</span>' in html
    # The kitchen tile falls back to the category's hero picture; the knives tile uses its own.
    kitchen_picture = kitchen.hero_image.get_rendition("fill-600x450|format-webp")
    assert f'src="{kitchen_picture.url}" width="600" height="450"' in html
    assert own_picture.get_rendition("fill-600x450|format-webp").url in html


def test_latest_stories_rail_shows_the_newest_stories(client, home_page):
    index = StoryIndexPageFactory(parent=home_page, slug="stories")
    for n in range(3):
        StoryPageFactory(parent=index, title=f"Story {n}", hero_image=make_image(f"story-{n}"))
    publish_body(home_page, [("latest_stories", {"heading": "From our stories", "limit": 2})])

    html = client.get("/").content.decode()

    assert html.count('class="card story-card"') == 2
    assert ">From our stories</h2>" in html


def test_the_story_rail_is_left_out_while_there_are_no_stories(client, home_page):
    publish_body(home_page, [("latest_stories", {"heading": "From our stories", "limit": 3})])

    assert "From our stories" not in client.get("/").content.decode()


def test_stories_are_in_the_header_menu_and_the_footer(client, home_page):
    StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")

    html = client.get("/").content.decode()
    header = html[html.index('<nav id="site-nav"') : html.index("</nav>", html.index('<nav id="site-nav"'))]
    footer = html[html.index('<footer class="site-footer">') :]

    assert '<a href="/stories/">Stories</a>' in header
    assert '<a href="/stories/">Stories</a>' in footer


def test_header_search_is_a_link_to_the_search_page_that_script_turns_into_a_toggle(client, home_page):
    html = client.get("/").content.decode()

    assert (
        '<a class="icon-link search-toggle" href="/search/" data-search-toggle aria-controls="site-search-panel">'
        in html
    )
    assert '<div id="site-search-panel" class="search-panel">' in html
