"""One loader for every block of a home page body, so the whole front page costs five queries.

Left to themselves the blocks load their own rows as they render: the hero its
picture and link, the tiles their categories, the featured row its picks then the
best sellers, the rail its stories, and each of them its renditions after. The
loader reads the body's raw data once and fetches, for all blocks together:

1. every chosen page and the latest stories, in one page-type-aware query;
2. every chosen product and the best sellers, in one query;
3. the product cards' pictures;
4. the pictures chosen by id (hero, tile overrides, image blocks);
5. the renditions of every picture above, for every spec the blocks render.

It hands the blocks their loaded values through StreamValue's public item
assignment, and returns what the featured and stories blocks show, by block id
(the blocks fall back to their own selectors when rendered without it).
"""

import copy
from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    IntegerField,
    Prefetch,
    Q,
    When,
    prefetch_related_objects,
)
from wagtail.images import get_image_model
from wagtail.models import Page

from catalogue.blocks import TILE_RENDITIONS
from catalogue.models import ProductPage, StoryPage
from catalogue.models.querysets import CARD_RENDITION_FILTERS, renditions_matching
from catalogue.selectors import STORY_CARD_RENDITIONS, is_available
from home.blocks import HERO_RENDITIONS

# What templates/blocks/image_block.html renders.
IMAGE_BLOCK_RENDITIONS = ("width-1200|format-webp",)
ALL_RENDITIONS = (
    *HERO_RENDITIONS,
    *TILE_RENDITIONS,
    *STORY_CARD_RENDITIONS,
    *CARD_RENDITION_FILTERS,
    *IMAGE_BLOCK_RENDITIONS,
)
LOADED_BLOCKS = (
    "hero",
    "category_tiles",
    "featured_products",
    "latest_stories",
    "image",
    "featured_pages",
    "product",
)


def _list_items(raw_list) -> list:
    """A ListBlock's raw items, in either of the formats Wagtail stores."""
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" and "value" in item else item
        for item in raw_list or []
    ]


def preload_merchandising(body, also: Iterable[tuple] = ()) -> dict:
    """Load the merchandising blocks of `body` (a StreamValue) together; returns {block id: rows to show}.

    ``also`` holds (image, rendition spec) pairs the rest of the page shows (the head's logo and
    sharing image): their renditions come in the same query as the blocks' pictures.
    """
    also = [(image, spec) for image, spec in also if image is not None]
    raw_blocks = [(index, dict(body.raw_data[index])) for index in range(len(body.raw_data))]
    raw_blocks = [(index, raw) for index, raw in raw_blocks if raw.get("type") in LOADED_BLOCKS]
    if not raw_blocks:
        _prefetch_renditions([image for image, _spec in also], {spec for _image, spec in also})
        return {}

    page_ids, image_ids, pick_ids = set(), set(), []
    best_seller_limit = story_limit = 0
    for _index, raw in raw_blocks:
        value = raw.get("value") or {}
        if raw["type"] == "hero":
            page_ids.add(value.get("link_page"))
            image_ids.add(value.get("image"))
        elif raw["type"] == "category_tiles":
            for tile in _list_items(value.get("tiles")):
                page_ids.add(tile.get("category"))
                image_ids.add(tile.get("image"))
        elif raw["type"] == "featured_products":
            pick_ids += [pk for pk in _list_items(value.get("products")) if pk]
            best_seller_limit = max(best_seller_limit, value.get("limit") or 4)
        elif raw["type"] == "image":
            image_ids.add(value.get("image"))
        elif raw["type"] == "featured_pages":
            page_ids.update(_list_items(value.get("pages")))
        elif raw["type"] == "product":
            pick_ids += [value["product"]] if value.get("product") else []
        else:
            story_limit = max(story_limit, value.get("limit") or 3)
    page_ids.discard(None)
    image_ids.discard(None)

    pages, stories = _chosen_pages_and_latest_stories(page_ids, story_limit)
    picks, best_sellers = _picks_and_best_sellers(pick_ids, best_seller_limit)
    images = get_image_model().objects.in_bulk(image_ids) if image_ids else {}

    pictures = list(images.values()) + [image for image, _spec in also]
    categories = [_as_category(page) for page in pages.values()]
    pictures += [category.hero_image for category in categories if category and category.hero_image]
    pictures += [story.hero_image for story in stories if story.hero_image]
    for product in [*picks.values(), *best_sellers]:
        pictures += [item.image for item in product.gallery_images.all()]
    # One query for every picture: each gets the renditions of every spec the page renders.
    _prefetch_renditions(pictures, {*ALL_RENDITIONS, *(spec for _image, spec in also)})

    shown = {}
    for index, raw in raw_blocks:
        block = body.stream_block.child_blocks[raw["type"]]
        value = raw.get("value") or {}
        if raw["type"] == "hero":
            resolved = {
                "image": images.get(value.get("image")),
                "link_page": pages.get(value.get("link_page")),
            }
            body[index] = ("hero", _struct(block, value, resolved), raw.get("id"))
        elif raw["type"] == "category_tiles":
            tile_block = block.child_blocks["tiles"].child_block
            tiles = [
                _struct(
                    tile_block,
                    tile,
                    {
                        "category": _as_category(pages.get(tile.get("category"))),
                        "image": images.get(tile.get("image")),
                    },
                )
                for tile in _list_items(value.get("tiles"))
            ]
            body[index] = ("category_tiles", _struct(block, value, {"tiles": tiles}), raw.get("id"))
        elif raw["type"] == "featured_products":
            limit = value.get("limit") or 4
            chosen = [picks.get(pk) for pk in _list_items(value.get("products")) if pk]
            body[index] = ("featured_products", _struct(block, value, {"products": chosen}), raw.get("id"))
            available = [product for product in chosen if is_available(product)]
            shown[raw.get("id")] = available[:limit] or best_sellers[:limit]
        elif raw["type"] == "image":
            body[index] = (
                "image",
                _struct(block, value, {"image": images.get(value.get("image"))}),
                raw.get("id"),
            )
        elif raw["type"] == "featured_pages":
            chosen = [pages.get(pk) for pk in _list_items(value.get("pages"))]
            body[index] = ("featured_pages", _struct(block, value, {"pages": chosen}), raw.get("id"))
        elif raw["type"] == "product":
            # A copy per block, as ProductChooserBlock gives, so two cards never share one object.
            product = picks.get(value.get("product"))
            resolved = {"product": copy.copy(product) if product is not None else None}
            body[index] = ("product", _struct(block, value, resolved), raw.get("id"))
        else:
            shown[raw.get("id")] = stories[: value.get("limit") or 3]
    return shown


def _prefetch_renditions(pictures: list, specs: set) -> None:
    # Each picture once: prefetching the same object twice in one call would give the
    # second copy an empty list, and Wagtail trusts a prefetch to be complete.
    unique = list({id(picture): picture for picture in pictures}.values())
    if unique:
        prefetch_related_objects(unique, Prefetch("renditions", queryset=renditions_matching(sorted(specs))))


def _struct(block, raw_value: dict, resolved: dict) -> dict:
    """Every field of a StructBlock's value: the loaded objects, else the raw data, else the default."""
    return {
        name: resolved[name] if name in resolved else raw_value.get(name, child.get_default())
        for name, child in block.child_blocks.items()
    }


def _as_category(page):
    """The chosen page as a CategoryPage, or None if it is not one (the tile is then skipped)."""
    return getattr(page, "categorypage", None) if page is not None else None


def _chosen_pages_and_latest_stories(page_ids: set, story_limit: int) -> tuple[dict, list]:
    """Chosen pages by id (categories with their pictures) and the newest live, public stories, in one query."""
    if not page_ids and not story_limit:
        return {}, []
    # A LIMIT inside IN (...) works on SQLite and PostgreSQL, the databases this project runs on.
    latest = StoryPage.objects.live().public().order_by("-date", "-pk").values("pk")[:story_limit]
    in_rail = Q(pk__in=latest) if story_limit else Q(pk__in=[])
    # Child tables joined in the same statement: a category's or a story's own fields and picture.
    rows = Page.objects.filter(Q(pk__in=page_ids) | in_rail).select_related(
        "categorypage__hero_image", "storypage__hero_image"
    )
    rows = rows.annotate(in_rail=ExpressionWrapper(in_rail, BooleanField())) if story_limit else rows
    pages, stories = {}, []
    for page in rows:
        pages[page.pk] = page
        if getattr(page, "in_rail", False):
            stories.append(page.storypage)
    stories.sort(key=lambda story: (story.date, story.pk), reverse=True)
    return pages, stories


def _picks_and_best_sellers(pick_ids: Iterable[int], limit: int) -> tuple[dict, list]:
    """Every pick (available or not) and the `limit` best sellers, card-ready, in one query (plus the cards' gallery)."""
    pick_ids = list(dict.fromkeys(pick_ids))
    if not pick_ids and not limit:
        return {}, []
    on_sale = Q(live=True, stock__gt=0, is_private=False)
    rows = (
        ProductPage.objects.with_privacy()
        .with_rating()
        .with_units_sold()
        .for_cards(renditions=False)
        .filter(Q(pk__in=pick_ids) | on_sale)
        .annotate(is_pick=Case(When(pk__in=pick_ids, then=1), default=0, output_field=IntegerField()))
        .order_by("-is_pick", "-units_sold", "-featured", "-first_published_at", "pk")[
            : len(pick_ids) + limit
        ]
    )
    rows = list(rows)
    picks = {product.pk: product for product in rows if product.is_pick}
    # The best sellers may include a pick of another block that can be bought: sort them back in.
    best_sellers = [product for product in rows if not product.is_pick or is_available(product)]
    best_sellers.sort(key=_sales_rank)
    return picks, best_sellers[:limit]


def _sales_rank(product: ProductPage) -> tuple:
    published = product.first_published_at.timestamp() if product.first_published_at else 0
    return (-product.units_sold, not product.featured, -published, product.pk)
