"""Cards, product pages, stories and listings: the defects shoppers saw, each pinned."""

import pytest

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.models import ProductGalleryImage
from catalogue.tests.fixtures import add_product, make_image

pytestmark = pytest.mark.django_db


def test_a_sold_out_card_says_sold_out_once_and_offers_no_button(client, knives):
    add_product(knives, title="Gone knife", stock=0)

    html = client.get(knives.url).content.decode()

    assert html.count("Sold out") == 1
    assert "Add to cart" not in html


def test_every_buyable_card_ends_in_an_add_to_cart_button(client, knives):
    for n in range(3):
        add_product(knives, title=f"Knife {n}", stock=5)

    html = client.get(knives.url).content.decode()

    assert html.count('<div class="card-actions">') == 3
    assert html.count('Add to cart<span class="sr-only">: Knife') == 3


def test_product_page_shows_its_sku_once_even_when_the_specifications_repeat_it(client, knives):
    product = add_product(
        knives,
        image=False,
        sku="KN-777",
        body__0__specifications__rows__0__name="SKU",
        body__0__specifications__rows__0__value="KN-777",
        body__0__specifications__rows__1__name="Steel",
        body__0__specifications__rows__1__value="VG-10",
    )

    html = client.get(product.url).content.decode()
    visible = html.split("</head>")[1]

    assert visible.count("KN-777") == 1
    assert "VG-10" in visible


def test_gallery_caption_that_repeats_the_title_is_not_shown_and_alt_comes_from_the_image(client, knives):
    product = add_product(knives, title="Santoku", image=False)
    picture = make_image("santoku-photo")
    picture.description = "A santoku on an oak board"
    picture.save()
    ProductGalleryImage.objects.create(page=product, image=picture, caption="Santoku")
    detail = make_image("santoku-edge")
    ProductGalleryImage.objects.create(
        page=product, image=detail, caption="The hollow-ground edge", sort_order=1
    )

    html = client.get(product.url).content.decode()

    assert "<figcaption>Santoku</figcaption>" not in html
    assert "<figcaption>The hollow-ground edge</figcaption>" in html
    assert 'alt="A santoku on an oak board"' in html
    assert 'alt="santoku-edge"' in html  # no description: the image's title


def test_card_images_carry_size_and_the_images_own_alt_text(client, knives):
    picture = make_image("chef-photo")
    picture.description = "Chef knife, side view"
    picture.save()
    add_product(knives, title="Chef knife", image=picture)

    html = client.get(knives.url).content.decode()

    assert 'width="400" height="400" alt="Chef knife, side view"' in html


def test_product_page_lists_the_stories_that_feature_it(client, home_page, knives):
    product = add_product(knives, title="Chef knife")
    index = StoryIndexPageFactory(parent=home_page, slug="stories")
    StoryPageFactory(parent=index, title="A week with a chef knife", body__0__product__product=product)
    StoryPageFactory(parent=index, title="Unrelated story")

    html = client.get(product.url).content.decode()

    assert "Featured in our stories" in html
    assert "A week with a chef knife" in html
    assert "Unrelated story" not in html


def test_a_product_in_no_story_shows_no_stories_section(client, knives):
    product = add_product(knives)

    assert "Featured in our stories" not in client.get(product.url).content.decode()


def test_story_product_cards_are_not_landmarks_and_show_live_price_and_stock(client, home_page, knives):
    first = add_product(knives, title="First knife", price="19.00", stock=3)
    second = add_product(knives, title="Second knife", price="29.00", stock=0)
    index = StoryIndexPageFactory(parent=home_page, slug="stories")
    story = StoryPageFactory(parent=index, body__0__product__product=first, body__1__product__product=second)

    html = client.get(story.url).content.decode()

    assert 'aria-label="Featured product"' not in html and "<aside" not in html
    assert "€19.00" in html and "Only 3 left" in html
    assert "€29.00" in html and "Sold out" in html

    # Live: a price change shows at once, without republishing the story.
    first.price = "17.50"
    first.save_revision().publish()
    assert "€17.50" in client.get(story.url).content.decode()


def test_active_filter_chips_each_remove_one_filter_and_clear_all_removes_every_one(client, knives):
    add_product(knives, title="Cheap", price="5.00")
    params = {"min_price": "1", "max_price": "50", "in_stock": "1", "sort": "price_desc", "page": "1"}

    html = client.get(knives.url, params).content.decode()

    chips = html[html.index('aria-label="Active filters"') :]
    chips = chips[: chips.index("</ul>")]
    assert '<a class="chip chip--removable" href="?max_price=50&amp;in_stock=1&amp;sort=price_desc">' in chips
    assert (
        '<a class="chip chip--removable" href="?min_price=1&amp;max_price=50&amp;sort=price_desc">' in chips
    )
    assert "Remove filter: </span>In stock only" in chips
    assert "Remove filter: </span>Sort: Price: high to low" in chips
    assert f'<a class="chip chip--clear" href="{knives.url}">Clear all</a>' in chips


def test_an_unrefined_listing_shows_no_chips(client, knives):
    add_product(knives)

    assert 'aria-label="Active filters"' not in client.get(knives.url).content.decode()


def test_filters_sit_in_a_native_disclosure_that_works_without_script(client, knives):
    add_product(knives)

    html = client.get(knives.url).content.decode()

    assert '<details class="filters drawer" id="listing-filters">' in html
    assert html.index('id="listing-filters"') < html.index('class="card-grid"')
