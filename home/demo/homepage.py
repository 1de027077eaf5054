"""The home page's demo body: a hero, featured products, category tiles, an introduction and the latest stories."""

import uuid
from collections.abc import Sequence

from wagtail.models import Page, Site

from home.models import HomePage

from .images import generate_image

HERO_IMAGE_TITLE = "Demo hero"
# The hero template crops to fill-1600x600; drawing that size wastes nothing.
HERO_IMAGE_SIZE = (1600, 600)
LOGO_IMAGE_TITLE = "Demo logo"
LOGO_IMAGE_SIZE = (400, 400)

# Fixed block ids: the hero's id is how the loader recognises a body it wrote.
_BLOCK_NAMESPACE = uuid.UUID("6c1f3c0e-4d7b-4b57-9a51-3f0d6a1f5e10")


def demo_block_id(name: str) -> str:
    return str(uuid.uuid5(_BLOCK_NAMESPACE, name))


HERO_BLOCK_ID = demo_block_id("hero")

# Shopper-facing words only: how the loader treats edited pages is for the README, not the shop.
INTRODUCTION = (
    "<h2>Made for people who cook, brew and bake</h2>"
    "<p>Every product here is one we would use ourselves. Browse the catalogue, read the "
    "<b>stories</b> behind the makers, and find what you need with the search box.</p>"
)


# What search engines and link previews show for the home page, and for any page that
# has no description of its own.
HOME_DESCRIPTION = (
    "Kitchen knives, cookware and coffee kit chosen by people who cook, brew and bake every"
    " day, with the stories of the makers behind them."
)
SITE_DESCRIPTION = (
    "Wagtail Shop: good tools for good kitchens. Knives, pans, coffee and tea kit, tested"
    " by people who use them every day."
)


def default_home_page() -> HomePage:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site else None
    if not isinstance(root, HomePage):
        raise LookupError(
            "The default site's root page is not a HomePage: run `manage.py migrate` "
            "(home/migrations/0002 puts one there)."
        )
    return root


def demo_home_body(hero_image, featured_pages: Sequence[Page] = ()) -> list[dict]:
    """The body in StreamField's raw form, with fixed ids so two runs produce identical data.

    ``featured_pages`` is for the catalogue loader: pass the top categories and the hero
    links to the first, and those with a picture of their own become category tiles.
    The featured-products block is left without picks, so it shows the best sellers.
    """
    body = [
        {
            "type": "hero",
            "id": HERO_BLOCK_ID,
            "value": {
                "heading": "Good tools for good kitchens",
                "text": "Knives, pans and coffee kit chosen by people who use them every day.",
                "image": hero_image.pk,
                "link_page": featured_pages[0].pk if featured_pages else None,
                "link_text": "Shop now",
            },
        },
        {
            "type": "featured_products",
            "id": demo_block_id("featured-products"),
            "value": {"heading": "Best sellers", "products": [], "limit": 4},
        },
    ]
    tiles = [
        {
            "type": "item",
            "id": demo_block_id(f"tile-{page.pk}"),
            "value": {"category": page.pk, "image": page.hero_image_id, "label": ""},
        }
        for page in featured_pages
        if getattr(page, "hero_image_id", None)
    ]
    if tiles:
        body.append(
            {
                "type": "category_tiles",
                "id": demo_block_id("category-tiles"),
                "value": {"heading": "Shop by category", "tiles": tiles},
            }
        )
    body += [
        {"type": "paragraph", "id": demo_block_id("introduction"), "value": INTRODUCTION},
        {
            "type": "latest_stories",
            "id": demo_block_id("latest-stories"),
            "value": {"heading": "From our stories", "limit": 3},
        },
    ]
    return body


def body_belongs_to_loader(page: HomePage) -> bool:
    """May the loader (re)write this page's body without overwriting a person's work?

    Yes when the body is empty, or when it still leads with the loader's hero and the
    latest revision was saved by no one (the loader saves without a user).  A draft a
    person has saved, or any revision of theirs, makes the page theirs.
    """
    if page.has_unpublished_changes:
        return False
    if not page.body:
        return True
    latest = page.latest_revision
    return latest is not None and latest.user_id is None and page.body.raw_data[0].get("id") == HERO_BLOCK_ID


def fill_home_page(seed: int, featured_pages: Sequence[Page] = ()) -> str:
    """Publish the demo body on the home page if it is the loader's to write; say what happened."""
    page = default_home_page()
    if not body_belongs_to_loader(page):
        return "kept (edited by a person)"
    body = demo_home_body(generate_image(HERO_IMAGE_TITLE, seed=seed, size=HERO_IMAGE_SIZE), featured_pages)
    description = page.search_description or HOME_DESCRIPTION
    if list(page.body.raw_data) == body and page.search_description == description:
        return "unchanged"
    page.body = body
    page.search_description = description
    page.save_revision(log_action=True).publish()
    return "filled"


def fill_seo_settings(seed: int = 42) -> str:
    """Give the default site a meta description and an organisation logo, unless someone set them."""
    from home.models import SeoSettings

    settings = SeoSettings.for_site(default_home_page().get_site())
    filled = []
    if not settings.default_meta_description:
        settings.default_meta_description = SITE_DESCRIPTION
        filled.append("description")
    if settings.organisation_logo_id is None:
        # The Organization JSON-LD on the home page carries it (Google wants 112 px or more).
        settings.organisation_logo = generate_image(LOGO_IMAGE_TITLE, seed=seed, size=LOGO_IMAGE_SIZE)
        filled.append("logo")
    if not filled:
        return "kept"
    settings.save()
    return "filled " + " and ".join(filled)
