"""Build the demo catalogue: categories, brands, products with pictures, reviews and stories.

Every product draws its data from a random generator seeded with ``(seed, index)``, so a
product's name and price depend only on the seed and its position: ``--products 200``
gives the first 200 products of ``--products 2000``. Rows are keyed by something stable
(SKU for products, slug for pages and brands, email for reviewers), and anything that
already exists is left as it is, so running the loader again adds only what is missing.
"""

import datetime
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.models import Page
from wagtail.signals import page_published

from catalogue.models import (
    Brand,
    CategoryPage,
    ProductGalleryImage,
    ProductPage,
    ProductRelatedProduct,
    ProductTag,
    ProductVariant,
    Review,
    StoryIndexPage,
    StoryPage,
)
from home.demo.accounts import demo_password_hash
from home.demo.images import generate_image
from home.demo.progress import progress

from . import vocabulary as words
from .indexing import deferred_indexing
from .page_tree import bulk_add_children
from .variants import offer_sizes, sized_name
from .vocabulary import Subcategory

SKU_PREFIX = "DEMO"
# Product cards crop to 400x400. 600 px square keeps the product page sharp enough and
# takes half the drawing time of 800 px, which is most of a large load.
PRODUCT_IMAGE_SIZE = (600, 600)
HERO_IMAGE_SIZE = (1600, 600)
LOGO_SIZE = (400, 400)
# Products with a drawing of their own; later ones share one per kind and colour (PictureBox).
OWN_PICTURES = 500
# Products written and indexed per round of bulk inserts: big enough for few queries (the
# search backend also refreshes its title norms, a pass over the whole index, once a
# round), small enough that a 100,000-product load never holds more than this many pages
# in memory.
PRODUCT_BATCH = 5000
REVIEWER_COUNT = 10
STORY_INDEX_SLUG = "stories"
TOP_CATEGORY_OF = {sub.slug: top.slug for top in words.CATEGORY_TREE for sub in top.subcategories}


@dataclass
class CatalogueSummary:
    """What a run created, and what it found already there."""

    categories_created: int = 0
    categories_total: int = 0
    brands_created: int = 0
    products_created: int = 0
    products_total: int = 0
    reviews_created: int = 0
    stories_created: int = 0
    top_categories: list[CategoryPage] = field(default_factory=list)
    grown_categories: dict[int, CategoryPage] = field(default_factory=dict)

    def __str__(self) -> str:
        return (
            f"{self.products_total} products ({self.products_created} new), "
            f"{self.categories_total} categories, {self.reviews_created} new reviews, "
            f"{self.stories_created} new stories"
        )


def demo_sku(index: int) -> str:
    return f"{SKU_PREFIX}-{index + 1:05d}"


def seeded_uuid(rng: random.Random) -> str:
    """A block id from the product's own generator, so the same seed writes the same StreamField data."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def publish_under(parent: Page, page: Page, published_at: datetime.datetime) -> Page:
    """Add ``page`` as a live child of ``parent`` without a revision.

    A live page without revisions is what Wagtail has for pages created in code anyway:
    the first edit in the admin starts its history. Products go in by the thousand
    through ``bulk_add_children`` instead; this is for the few category and story pages.
    """
    page.locale_id = parent.locale_id  # saves Wagtail a query for the parent's locale
    page.live = True
    page.first_published_at = page.last_published_at = published_at
    parent.add_child(instance=page)
    return page


def child_by_slug(parent: Page, slug: str):
    return parent.get_children().filter(slug=slug).specific().first()


@transaction.atomic
def load_catalogue(*, products: int, seed: int, stdout: TextIO, home_page: Page) -> CatalogueSummary:
    """Load the demo catalogue under ``home_page``: ``products`` products from ``seed``.

    Idempotent: existing categories, brands, products (by SKU), reviewers and stories are
    kept as they are, and only what is missing is added.
    """
    summary = CatalogueSummary()
    now = timezone.now()
    with deferred_indexing(stdout) as index_added:
        subcategories = load_categories(
            seed=seed, stdout=stdout, home_page=home_page, now=now, summary=summary
        )
        brands = load_brands(seed=seed, stdout=stdout, summary=summary)
        reviewers = load_reviewers() if products else []
        load_products(
            count=products,
            seed=seed,
            stdout=stdout,
            subcategories=subcategories,
            brands=brands,
            reviewers=reviewers,
            now=now,
            summary=summary,
            index_added=index_added,
        )
        load_stories(
            seed=seed,
            stdout=stdout,
            home_page=home_page,
            subcategories=subcategories,
            now=now,
            summary=summary,
        )
    announce_grown_categories(summary.grown_categories)
    summary.products_total = ProductPage.objects.filter(sku__startswith=f"{SKU_PREFIX}-").count()
    return summary


def announce_grown_categories(categories: dict[int, CategoryPage]) -> None:
    """Tell the site that these categories' listings changed, through Wagtail's public signal.

    Products added in bulk send no signal of their own, so without this a cached category
    page (and the CDN's copy) would not show them. ``page_published`` for each grown
    category reaches every receiver that reacts to a publish: cache invalidation, the CDN
    purge, the search reindex. A handful of categories, not one signal per product.
    The SEO audit listens to saves, not to that signal (decision 71), so it is told
    directly: redirects to the new products' paths may no longer answer 404.
    """
    from home.seo.audit import remeasure_on_commit

    for category in categories.values():
        page_published.send(sender=type(category), instance=category, revision=None)
    if categories:
        remeasure_on_commit(list(categories), redirects=True, referrers=True)


def load_categories(*, seed, stdout, home_page, now, summary) -> dict[str, tuple[CategoryPage, Subcategory]]:
    """The category tree from the vocabulary; returns the subcategories by slug, with their words."""
    entries = [
        entry
        for top in words.CATEGORY_TREE
        for entry in [(top, None), *((top, sub) for sub in top.subcategories)]
    ]
    top_pages: dict[str, CategoryPage] = {}
    subcategories: dict[str, tuple[CategoryPage, Subcategory]] = {}
    for top, sub in progress(entries, total=len(entries), label="Categories", stream=stdout):
        parent = home_page if sub is None else top_pages[top.slug]
        words_for_page = top if sub is None else sub
        page = child_by_slug(parent, words_for_page.slug)
        if page is None:
            title = words_for_page.title
            hero = generate_image(f"Category hero: {title}", seed=_mix(seed, title), size=HERO_IMAGE_SIZE)
            page = CategoryPage(
                title=title,
                slug=words_for_page.slug,
                intro=words_for_page.intro,
                hero_image=hero,
                # Top-level categories make up the site's main menu.
                show_in_menus=sub is None,
            )
            publish_under(parent, page, now)
            summary.categories_created += 1
        if sub is None:
            top_pages[top.slug] = page
            summary.top_categories.append(page)
        else:
            subcategories[sub.slug] = (page, sub)
    summary.categories_total = len(entries)
    return subcategories


def load_brands(*, seed, stdout, summary) -> dict[str, list[Brand]]:
    """The demo makers, by the top category they sell in."""
    existing = {brand.slug: brand for brand in Brand.objects.filter(slug__in=[b[1] for b in words.BRANDS])}
    by_top_category = defaultdict(list)
    for name, slug, description, top_slugs in progress(
        words.BRANDS, total=len(words.BRANDS), label="Brands", stream=stdout
    ):
        brand = existing.get(slug)
        if brand is None:
            logo = generate_image(f"Brand logo: {name}", seed=_mix(seed, slug), size=LOGO_SIZE)
            brand = Brand.objects.create(name=name, slug=slug, description=description, logo=logo)
            summary.brands_created += 1
        for top_slug in top_slugs:
            by_top_category[top_slug].append(brand)
    return by_top_category


def load_reviewers() -> list:
    """Ten shopper accounts who write the demo reviews; they sign in with the demo password."""
    User = get_user_model()
    emails = [f"reviewer{n}@example.com" for n in range(1, REVIEWER_COUNT + 1)]
    existing = {user.email: user for user in User.objects.filter(email__in=emails)}
    missing = [email for email in emails if email not in existing]
    if missing:
        password = demo_password_hash()
        User.objects.bulk_create(
            [
                User(email=email, first_name=first, last_name=last, password=password)
                for email, (first, last) in zip(emails, words.REVIEWERS, strict=True)
                if email in missing
            ]
        )
        existing = {user.email: user for user in User.objects.filter(email__in=emails)}
    return [existing[email] for email in emails]


@dataclass
class NewProduct:
    """A product this run creates, with the generator that made it (reviews and picks continue from it)."""

    page: ProductPage
    subcategory: str
    rng: random.Random
    index: int
    published_at: datetime.datetime
    category: CategoryPage
    words: Subcategory


def load_products(
    *, count, seed, stdout, subcategories, brands, reviewers, now, summary, index_added
) -> None:
    """Products ``0..count-1`` that are missing, a batch at a time: pages, pictures, tags, reviews, picks."""
    existing = set(ProductPage.objects.filter(sku__startswith=f"{SKU_PREFIX}-").values_list("sku", flat=True))
    sub_slugs = list(subcategories)
    taken_slugs: dict[str, set[str]] = {}
    tags = ensure_tags(words.TAGS + tuple({tag for _, sub in subcategories.values() for tag in sub.tags}))
    pictures = PictureBox(seed)
    batch: list[NewProduct] = []

    for index in progress(range(count), total=count, label="Products", stream=stdout):
        sku = demo_sku(index)
        if sku not in existing:
            batch.append(new_product(index, sku, seed, subcategories, sub_slugs, brands, taken_slugs, now))
        if len(batch) >= PRODUCT_BATCH or (batch and index == count - 1):
            save_products(batch, tags=tags, pictures=pictures, reviewers=reviewers, summary=summary)
            # Indexed now, from the pages in memory: reading 100,000 products back cost more than writing them.
            index_added(ProductPage, [product.page for product in batch])
            batch = []


def new_product(index, sku, seed, subcategories, sub_slugs, brands, taken_slugs, now) -> "NewProduct":
    """Product ``index`` as an unsaved page: its words, price and stock come from ``(seed, index)`` alone."""
    rng = random.Random(f"{seed}:product:{index}")
    sub_slug = rng.choice(sub_slugs)
    category, sub = subcategories[sub_slug]
    if sub_slug not in taken_slugs:
        taken_slugs[sub_slug] = set(category.get_children().values_list("slug", flat=True))
    # A shop does not list two products of the same name on one shelf: draw again
    # a few times before settling for a name the SKU tells apart.
    # Only the words are drawn each time; the page (slow to build) is built once, from the last draw.
    for _attempt in range(5):
        fields = product_fields(rng, sku=sku, sub=sub, brands=brands[TOP_CATEGORY_OF[sub_slug]])
        title = sized_name(fields["title"], sub=sub, seed=seed, sku=sku) or fields["title"]
        if slugify(title) not in taken_slugs[sub_slug]:
            break
    page = ProductPage(**fields)
    offer_sizes(page, sub=sub, seed=seed)
    page.slug = unique_slug(slugify(page.title), sku, taken_slugs[sub_slug])
    published_at = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
    return NewProduct(
        page=page,
        subcategory=sub_slug,
        rng=rng,
        index=index,
        published_at=published_at,
        category=category,
        words=sub,
    )


def save_products(batch: list["NewProduct"], *, tags, pictures: "PictureBox", reviewers, summary) -> None:
    """One batch in bulk: the pages under each category, then their gallery, tags, reviews and picks."""
    by_category = defaultdict(list)
    for product in batch:
        by_category[product.subcategory].append(product)
    sizes: dict[int, list[ProductVariant]] = {}  # by product index: the pages have no id yet
    for product in batch:
        sized = sizes[product.index] = list(product.page.variants.all())
        if sized:
            # What ProductPage.save() works out from its variants, done here for the bulk insert.
            product.page.summarise_variants()
            product.page.stock = sum(variant.stock for variant in sized)
    for products in by_category.values():
        category = products[0].category
        summary.grown_categories[category.pk] = category
        bulk_add_children(
            category, [p.page for p in products], published_at=[p.published_at for p in products]
        )
    variants = []
    for product in batch:
        for variant in sizes[product.index]:  # from memory: the page's own manager would now ask the database
            variant.page_id = product.page.pk
            variants.append(variant)
    ProductVariant.objects.bulk_create(variants)
    gallery, tagged = {}, {}
    for product in batch:
        page, rng = product.page, product.rng
        image = pictures.for_product(page, product.index)
        gallery[page.pk] = [ProductGalleryImage(page=page, image=image, sort_order=0, caption=page.title)]
        sub = product.words
        tag_names = rng.sample(sub.tags, k=rng.randint(1, len(sub.tags)))
        if rng.random() < 0.15:
            tag_names.append(rng.choice(words.TAGS))
        tagged[page.pk] = [ProductTag(content_object=page, tag=tags[name]) for name in tag_names]
    ProductGalleryImage.objects.bulk_create([row for rows in gallery.values() for row in rows])
    ProductTag.objects.bulk_create([row for rows in tagged.values() for row in rows])
    summary.products_created += len(batch)
    summary.reviews_created += load_reviews(batch, reviewers=reviewers)
    links = load_related_products(batch)
    child_relations = [relation.get_accessor_name() for relation in get_all_child_relations(ProductPage)]
    for product in batch:
        # Every child relation the search and reference index read, held on the page as the
        # database has it (a new page has no rows in the others, such as admin comments):
        # no query per product when it is indexed.
        page = product.page
        held = {
            "gallery_images": gallery[page.pk],
            "tagged_items": tagged[page.pk],
            "related_product_links": links.get(page.pk, []),
            "variants": sizes[product.index],
        }
        for name in child_relations:
            setattr(page, name, held.get(name, []))
        page.indexed_category_title = product.category.title


class PictureBox:
    """Each product's picture: its own drawing for the first ``OWN_PICTURES`` products, then shared ones.

    Drawing takes about a tenth of a second, so 100,000 drawings would take hours. Past
    the first products, a product shows the shared drawing of its kind in its colour
    ("Product picture: chef's knife, walnut"), drawn once; a few hundred cover the
    vocabulary, and the alt text still says what the picture shows.
    """

    def __init__(self, seed: int):
        self.seed = seed
        self.shared: dict[str, object] = {}

    def for_product(self, page: ProductPage, index: int):
        if index < OWN_PICTURES:
            return generate_image(
                f"{page.title} ({page.sku})", seed=_mix(self.seed, page.sku), size=PRODUCT_IMAGE_SIZE
            )
        title = shared_picture_title(page.title)
        if title not in self.shared:
            self.shared[title] = generate_image(title, seed=_mix(self.seed, title), size=PRODUCT_IMAGE_SIZE)
        return self.shared[title]


def shared_picture_title(product_title: str) -> str:
    """The shared picture for a product: its name without the product line ("Fjord chef's knife, walnut")."""
    line = next((line for line in words.LINES if product_title.startswith(f"{line} ")), "")
    return f"Product picture: {product_title[len(line) :].strip()}"


def build_product(rng: random.Random, *, sku: str, sub: Subcategory, brands: list[Brand]) -> ProductPage:
    return ProductPage(**product_fields(rng, sku=sku, sub=sub, brands=brands))


def product_fields(rng: random.Random, *, sku: str, sub: Subcategory, brands: list[Brand]) -> dict:
    """A product's field values drawn from ``rng``: ``ProductPage(**product_fields(...))`` is ``build_product``."""
    kind = rng.choice(sub.kinds)
    material = rng.choice(kind.materials or sub.materials)
    line = rng.choice(words.LINES)
    variant = rng.choice(kind.variants or sub.variants)
    title = f"{line} {kind.name[0].lower()}{kind.name[1:]}, {variant}"
    price = Decimal(f"{rng.randint(kind.low, kind.high)}.{rng.choice(('00', '50', '90', '95'))}")

    roll = rng.random()
    if roll < 0.10:
        stock = 0  # sold out
    elif roll < 0.22:
        stock = rng.randint(1, 5)  # low stock
    else:
        stock = rng.randint(6, 150)

    brand = rng.choice(brands)
    quality = rng.choice(words.QUALITIES)
    short_description = f"{quality} {kind.name.lower()} in {material}, {rng.choice(words.BENEFITS)}."
    specs = [
        ("Material", material),
        (sub.variant_label, variant),
        *((name, rng.choice(choices)) for name, choices in sub.specs),
        ("Care", rng.choice(words.CARE)),
        ("Made in", rng.choice(words.ORIGINS)),
        ("SKU", sku),
    ]
    paragraph = " ".join(rng.sample(words.BODY_SENTENCES, k=2))
    body = [
        {
            "type": "paragraph",
            "id": seeded_uuid(rng),
            "value": f"<p>The {brand.name} {line} {kind.name.lower()} is {quality.lower()}: "
            f"{material}, {rng.choice(words.BENEFITS)}.</p><p>{paragraph}</p>",
        },
        {
            "type": "specifications",
            "id": seeded_uuid(rng),
            "value": {
                "heading": "Specifications",
                "rows": [
                    {"type": "item", "id": seeded_uuid(rng), "value": {"name": name, "value": value}}
                    for name, value in specs
                ],
            },
        },
    ]
    return {
        "title": title,
        "sku": sku,
        "price": price,
        "stock": stock,
        "short_description": short_description,
        "body": body,
        "brand": brand,
        "featured": rng.random() < 0.06,
    }


def unique_slug(slug: str, sku: str, taken: set[str]) -> str:
    """The title's slug, or with the SKU appended when a sibling already has it."""
    if slug in taken:
        slug = f"{slug}-{sku.lower()}"
    taken.add(slug)
    return slug


def ensure_tags(names) -> dict[str, Tag]:
    names = sorted(set(names))
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name, slug=slugify(name)) for name in names if name not in existing]
    if missing:
        Tag.objects.bulk_create(missing)
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return existing


def load_reviews(created: list[NewProduct], *, reviewers: list) -> int:
    """Mostly approved reviews, a few waiting for moderation; at most one per reviewer and product."""
    ratings, weights = zip(*words.RATING_WEIGHTS.items(), strict=True)
    reviews = []
    for product in created:
        rng = product.rng
        count = rng.choices((0, 1, 2, 3, 4, 6), weights=(20, 20, 20, 18, 12, 10))[0]
        for reviewer in rng.sample(reviewers, k=min(count, len(reviewers))):
            rating = rng.choices(ratings, weights=weights)[0]
            title, body = rng.choice(words.REVIEW_TEXTS[rating])
            status = Review.Status.PENDING if rng.random() < 0.08 else Review.Status.APPROVED
            reviews.append(
                Review(
                    product=product.page, user=reviewer, rating=rating, title=title, body=body, status=status
                )
            )
    # ignore_conflicts: a shopper who already reviewed a product (on a site someone has
    # been using) keeps their own review.
    Review.objects.bulk_create(reviews, ignore_conflicts=True)
    return len(reviews)


def load_related_products(created: list[NewProduct]) -> dict[int, list[ProductRelatedProduct]]:
    """About a quarter of new products get two or three editors' picks from their own category (by page id)."""
    by_subcategory = defaultdict(list)
    for product in created:
        by_subcategory[product.subcategory].append(product.page)
    links: dict[int, list[ProductRelatedProduct]] = {}
    for product in created:
        rng = product.rng
        if rng.random() >= 0.25:
            continue
        candidates = [page for page in by_subcategory[product.subcategory] if page.pk != product.page.pk]
        links[product.page.pk] = [
            ProductRelatedProduct(page=product.page, product=pick, sort_order=order)
            for order, pick in enumerate(rng.sample(candidates, k=min(rng.randint(2, 3), len(candidates))))
        ]
    ProductRelatedProduct.objects.bulk_create([link for page_links in links.values() for link in page_links])
    return links


def load_stories(*, seed, stdout, home_page, subcategories, now, summary) -> None:
    """A "Stories" section whose articles embed cards of products from the category they talk about.

    Stories wait until there are products to embed: a story is never rewritten once
    written, so one created by ``--products 0`` would stay without products for good.
    """
    in_stock = (
        ProductPage.objects.live().filter(sku__startswith=f"{SKU_PREFIX}-", stock__gt=0).order_by("sku")
    )
    if not in_stock.exists():
        return
    index = StoryIndexPage.objects.first()
    if index is None:
        index = StoryIndexPage(
            title="Stories",
            slug=STORY_INDEX_SLUG,
            intro="How we cook, brew and work with the things we sell, written by the people who choose them.",
        )
        publish_under(home_page, index, now)
    for number, (slug, title, intro, sub_slug) in enumerate(
        progress(words.STORIES, total=len(words.STORIES), label="Stories", stream=stdout)
    ):
        if child_by_slug(index, slug) is not None:
            continue
        # Products from the story's own category, topped up from the whole catalogue
        # when a small load left that category short.
        featured = list(in_stock.child_of(subcategories[sub_slug][0])[:3])
        if len(featured) < 2:
            featured += list(
                in_stock.exclude(pk__in=[product.pk for product in featured])[: 2 - len(featured)]
            )
        publish_under(index, build_story(seed, number, slug, title, intro, featured, now), now)
        summary.stories_created += 1


def build_story(seed, number, slug, title, intro, products, now) -> StoryPage:
    rng = random.Random(f"{seed}:story:{slug}")

    def paragraph(html):
        return {"type": "paragraph", "id": seeded_uuid(rng), "value": html}

    notes = ("Our pick", "Staff favourite", "Great value")
    body = [
        paragraph(words.STORY_PARAGRAPHS[0]),
        paragraph(words.STORY_PARAGRAPHS[1]),
        *(
            {
                "type": "product",
                "id": seeded_uuid(rng),
                "value": {"product": product.pk, "note": rng.choice(notes)},
            }
            for product in products
        ),
        paragraph(words.STORY_PARAGRAPHS[2]),
    ]
    return StoryPage(
        title=title,
        slug=slug,
        intro=intro,
        date=(now - datetime.timedelta(days=7 * (number + 1))).date(),
        hero_image=generate_image(f"Story hero: {title}", seed=_mix(seed, slug), size=HERO_IMAGE_SIZE),
        body=body,
    )


def _mix(seed: int, key: str) -> int:
    """A picture seed for ``key`` under ``seed``: stable across runs (unlike ``hash()``)."""
    return random.Random(f"{seed}:image:{key}").getrandbits(32)
