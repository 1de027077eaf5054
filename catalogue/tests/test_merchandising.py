"""The home page loader: every block's rows and pictures together, then no query while rendering."""

import pytest
from django.core.cache import cache
from wagtail.blocks import StreamValue
from wagtail.models import Site
from wagtail.rich_text import RichText

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.merchandising import preload_merchandising
from catalogue.pricing.promotions import live_promotions
from catalogue.tests.fixtures import add_product, make_image
from catalogue.tests.test_selectors import sell
from home.models import HomePage

pytestmark = pytest.mark.django_db


def publish_body(home_page, blocks):
    home_page.body = StreamValue(home_page.body.stream_block, blocks)
    home_page.save_revision().publish()
    return HomePage.objects.get(pk=home_page.pk)


def test_every_block_type_loads_in_five_queries_and_renders_without_another(
    home_page, kitchen, knives, django_assert_num_queries
):
    picture = make_image("knife")
    products = [add_product(knives, image=picture, title=f"Knife {n}", stock=3) for n in range(4)]
    stories = StoryIndexPageFactory(parent=home_page, slug="stories")
    for n in range(3):
        StoryPageFactory(parent=stories, title=f"Story {n}", hero_image=make_image(f"story-{n}"))
    kitchen.hero_image = make_image("kitchen")
    kitchen.save_revision().publish()
    page = publish_body(
        home_page,
        [
            ("hero", {"heading": "Hi", "image": make_image("hero"), "link_page": kitchen}),
            ("featured_products", {"heading": "Best sellers", "products": [], "limit": 2}),
            ("featured_products", {"heading": "Picks", "products": [products[0]], "limit": 4}),
            ("category_tiles", {"heading": "Shop", "tiles": [{"category": kitchen}, {"category": knives}]}),
            ("latest_stories", {"heading": "Stories", "limit": 2}),
            ("paragraph", RichText("<p>Hello</p>")),
            ("image", {"image": make_image("workshop"), "caption": "Workshop"}),
            ("featured_pages", {"heading": "Browse", "pages": [kitchen]}),
            ("product", {"product": products[1], "note": ""}),
        ],
    )
    for block in page.body:  # makes every rendition once, as an earlier visitor would
        block.render(context={"merchandising": {}, "block_id": block.id})
    page = HomePage.objects.get(pk=page.pk)
    cache.clear()
    Site.get_site_root_paths()  # page URLs need them; the page's routing loaded them already
    live_promotions()  # prices need them; read once per cache lifetime, as the page's render did

    with django_assert_num_queries(5):
        shown = preload_merchandising(page.body)
    with django_assert_num_queries(0):
        html = "".join(
            str(block.render(context={"merchandising": shown, "block_id": block.id})) for block in page.body
        )

    assert html.count('class="card product-card"') == 2 + 1 + 1
    assert html.count('class="card story-card"') == 2
    assert html.count('class="tile"') == 2 and "Workshop" in html and "Hello" in html


def test_a_best_seller_picked_in_another_block_still_heads_the_fallback_row(client, home_page, knives):
    star = add_product(knives, title="Star knife", stock=5)
    sold_out = add_product(knives, title="Sold-out pick", stock=0)
    add_product(knives, title="Quiet knife", stock=5)
    sell(star, 10)
    page = publish_body(
        home_page,
        [
            ("featured_products", {"heading": "Our pick", "products": [star], "limit": 2}),
            ("featured_products", {"heading": "Fallback", "products": [sold_out], "limit": 1}),
        ],
    )

    shown = preload_merchandising(page.body)

    rows = [[product.title for product in shown[block.id]] for block in page.body]
    assert rows == [["Star knife"], ["Star knife"]]
