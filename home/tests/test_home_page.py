"""The home page renders at / and renders each of its StreamField blocks."""

import pytest
from pytest_django.asserts import assertTemplateUsed

from .conftest import publish_body

pytestmark = pytest.mark.django_db


def test_home_page_is_served_at_the_root_with_its_title(client, home_page):
    home_page.title = "Kitchen Shop"
    home_page.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    assertTemplateUsed(response, "home/home_page.html")
    assert response.context["page"] == home_page
    content = response.content.decode()
    assert "<title>Kitchen Shop | Wagtail Shop</title>" in content
    # An empty body still shows the title, and tells editors where to start.
    assert "<h1>Kitchen Shop</h1>" in content
    assert "editors compose this page in the admin" in content


def test_hero_block_renders_heading_text_image_and_link(client, home_page, png_image, add_page):
    kitchen = add_page("Kitchen", slug="kitchen")
    publish_body(
        home_page,
        [
            (
                "hero",
                {
                    "heading": "Good tools for good kitchens",
                    "text": "Chosen by people who cook.",
                    "image": png_image,
                    "link_page": kitchen,
                    "link_text": "Browse the kitchen",
                },
            )
        ],
    )

    content = client.get("/").content.decode()

    assert ">Good tools for good kitchens</h1>" in content
    assert '<p class="hero__lead">Chosen by people who cook.</p>' in content
    assert '<a class="btn btn--primary btn--large" href="/kitchen/">Browse the kitchen</a>' in content
    # A phone gets the narrow crop, a wide screen the wide one, each with its size against layout shift.
    narrow = png_image.get_rendition("fill-800x600|format-webp")
    wide = png_image.get_rendition("fill-1600x700|format-webp")
    assert f'<img src="{narrow.url}" width="800" height="600" alt=""' in content
    assert f'srcset="{wide.url}" width="1600" height="700"' in content


def test_hero_block_without_a_link_shows_no_button(client, home_page):
    publish_body(home_page, [("hero", {"heading": "Just browsing", "text": "", "link_page": None})])

    content = client.get("/").content.decode()

    assert ">Just browsing</h1>" in content
    assert "btn--primary" not in content.split('class="hero')[1].split("</section>")[0]
    assert 'class="hero__media"' not in content


def test_paragraph_block_renders_rich_text(client, home_page):
    publish_body(
        home_page,
        [
            (
                "paragraph",
                "<h2>Our promise</h2><p>Sharp knives, <b>fair</b> prices and <i>honest</i> reviews.</p>",
            )
        ],
    )

    content = client.get("/").content.decode()

    assert '<div class="container rich-text"><h2>Our promise</h2>' in content
    assert "<p>Sharp knives, <b>fair</b> prices and <i>honest</i> reviews.</p>" in content


def test_image_block_renders_a_rendition_with_the_caption_as_alt_text(client, home_page, png_image):
    publish_body(home_page, [("image", {"image": png_image, "caption": "Teal, the colour of the season"})])

    content = client.get("/").content.decode()

    rendition = png_image.get_rendition("width-1200|format-webp")
    assert (
        f'<img src="{rendition.url}" width="1200" height="600" alt="Teal, the colour of the season"'
        in content
    )
    assert "<figcaption>Teal, the colour of the season</figcaption>" in content


def test_image_block_without_caption_falls_back_to_the_image_title(client, home_page, png_image):
    publish_body(home_page, [("image", {"image": png_image, "caption": ""})])

    content = client.get("/").content.decode()

    assert 'alt="Teal swatch"' in content
    assert "<figcaption>" not in content


def test_featured_pages_block_lists_only_live_pages(client, home_page, add_page):
    kitchen = add_page("Kitchen", slug="kitchen")
    coffee = add_page("Coffee", slug="coffee")
    draft = add_page("Secret sale", slug="secret-sale", live=False)
    publish_body(
        home_page,
        [("featured_pages", {"heading": "Shop by room", "pages": [kitchen, draft, coffee]})],
    )

    content = client.get("/").content.decode()

    assert '<h2 class="section-heading">Shop by room</h2>' in content
    assert '<a href="/kitchen/"><span class="card-title">Kitchen</span></a>' in content
    assert '<a href="/coffee/"><span class="card-title">Coffee</span></a>' in content
    assert content.index("Kitchen</span>") < content.index("Coffee</span>")
    assert "Secret sale" not in content
