"""The demo catalogue loader: a realistic shop, deterministic per seed, safe to run twice."""

import random
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from catalogue.demo import load_catalogue, load_catalogue_step, loader
from catalogue.demo.loader import build_product
from catalogue.demo.variants import offer_sizes
from catalogue.demo.vocabulary import CATEGORY_TREE
from catalogue.factories import ProductPageFactory, site_root_page
from catalogue.models import (
    Brand,
    CategoryPage,
    ProductPage,
    ProductVariant,
    Review,
    StoryIndexPage,
    StoryPage,
)
from home.demo.steps import DemoRun

pytestmark = pytest.mark.django_db

PRODUCTS = 12


def load(products=PRODUCTS, seed=7):
    out = StringIO()
    summary = load_catalogue(products=products, seed=seed, stdout=out, home_page=site_root_page())
    return summary, out.getvalue()


@pytest.fixture(autouse=True)
def small_pictures(monkeypatch):
    """Pictures a tenth of their real size: what is tested is where they go, not how they look."""
    for name in ("PRODUCT_IMAGE_SIZE", "HERO_IMAGE_SIZE", "LOGO_SIZE"):
        width, height = getattr(loader, name)
        monkeypatch.setattr(loader, name, (width // 10, height // 10))


@pytest.fixture
def loaded():
    return load()


def product_rows():
    return list(
        ProductPage.objects.order_by("sku").values_list(
            "sku", "title", "price", "stock", "brand__name", "variant_count"
        )
    )


def variant_rows():
    return list(ProductVariant.objects.order_by("sku").values_list("sku", "size", "price_override", "stock"))


def catalogue_snapshot():
    return product_rows() + variant_rows()


def test_it_builds_top_categories_in_the_menu_with_subcategories(loaded):
    home = site_root_page()
    tops = CategoryPage.objects.child_of(home)

    assert tops.count() >= 3
    for top in tops:
        assert top.live and top.show_in_menus
        assert top.intro and top.hero_image is not None
        subcategories = CategoryPage.objects.child_of(top)
        assert 2 <= subcategories.count() <= 4
        assert all(sub.live and sub.intro and sub.hero_image for sub in subcategories)


def test_it_creates_n_live_products_with_their_own_picture_under_categories(loaded):
    products = list(ProductPage.objects.live().select_related("brand"))

    assert len(products) == PRODUCTS
    images = set()
    for product in products:
        assert isinstance(product.get_parent().specific, CategoryPage)
        assert product.get_parent().depth == site_root_page().depth + 2  # inside a subcategory
        assert product.main_image is not None
        images.add(product.main_image.file.name)
        assert product.short_description and product.price > 0 and product.brand is not None
        assert [block.block_type for block in product.body] == ["paragraph", "specifications"]
        assert product.tags.exists()
    assert len(images) == PRODUCTS


def test_brands_have_logos(loaded):
    brands = Brand.objects.all()
    assert 8 <= brands.count() <= 12
    assert all(brand.logo is not None for brand in brands)


def test_reviews_come_from_demo_shoppers_and_are_mostly_approved(loaded):
    reviews = Review.objects.select_related("user")

    assert reviews.filter(status=Review.Status.APPROVED).exists()
    assert {review.user.email for review in reviews} <= {f"reviewer{n}@example.com" for n in range(1, 11)}
    pairs = [(review.product_id, review.user_id) for review in reviews]
    assert len(pairs) == len(set(pairs))


def test_stories_embed_live_products(client, loaded):
    index = StoryIndexPage.objects.child_of(site_root_page()).get()
    stories = StoryPage.objects.child_of(index).live()

    assert 3 <= stories.count() <= 4
    for story in stories:
        embedded = [block.value["product"] for block in story.body if block.block_type == "product"]
        assert embedded and all(product.live for product in embedded)
        assert embedded[0].title in client.get(story.url).content.decode()


def test_loaded_pages_are_searchable_and_in_the_reference_index(loaded):
    product = ProductPage.objects.order_by("sku").first()

    assert product in ProductPage.objects.live().search(product.title)
    assert ReferenceIndex.get_references_to(product.brand).exists()
    assert ReferenceIndex.get_references_to(product.main_image).exists()


def test_search_indexing_on_save_is_back_after_a_load(loaded):
    category = CategoryPage.objects.exclude(depth=site_root_page().depth + 1).first()
    product = ProductPageFactory(parent=category, title="Zanzibar grater")

    assert list(ProductPage.objects.search("Zanzibar")) == [product]


def test_running_it_twice_adds_nothing(loaded):
    counts = (
        Page.objects.count(),
        get_image_model().objects.count(),
        Review.objects.count(),
        Brand.objects.count(),
        get_user_model().objects.count(),
    )
    snapshot = catalogue_snapshot()

    summary, _ = load()

    assert summary.products_created == 0 and summary.categories_created == 0 and summary.reviews_created == 0
    assert summary.products_total == PRODUCTS
    assert (
        Page.objects.count(),
        get_image_model().objects.count(),
        Review.objects.count(),
        Brand.objects.count(),
        get_user_model().objects.count(),
    ) == counts
    assert catalogue_snapshot() == snapshot


def test_more_products_later_extends_the_same_catalogue(loaded):
    products, variants = product_rows(), variant_rows()

    summary, _ = load(products=PRODUCTS + 3)

    assert summary.products_created == 3
    assert product_rows()[:PRODUCTS] == products
    assert set(variants) <= set(variant_rows())


def test_same_seed_gives_the_same_catalogue_and_another_seed_a_different_one():
    snapshots = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            load(seed=seed)
            snapshots.append(catalogue_snapshot())
            transaction.set_rollback(True)

    assert snapshots[0] == snapshots[1]
    assert [row[1:3] for row in snapshots[0]] != [row[1:3] for row in snapshots[2]]


def test_stock_mix_has_sold_out_and_low_stock_products():
    brands = [Brand(name=f"Brand {n}", slug=f"brand-{n}") for n in range(3)]
    subcategory = CATEGORY_TREE[0].subcategories[0]
    stocks = [
        build_product(random.Random(index), sku=f"T-{index}", sub=subcategory, brands=brands).stock
        for index in range(400)
    ]

    sold_out = sum(stock == 0 for stock in stocks) / len(stocks)
    assert 0.05 < sold_out < 0.15
    assert any(1 <= stock <= 5 for stock in stocks)


def test_progress_and_summary_are_reported(loaded):
    summary, output = loaded

    assert f"Products: {PRODUCTS} done" in output
    assert "Search and reference index:" in output
    assert str(summary).startswith(f"{PRODUCTS} products ({PRODUCTS} new)")


def test_loader_step_feeds_the_home_page_its_top_categories():
    run = DemoRun(seed=3, products=4, stdout=StringIO())

    fragment = load_catalogue_step(run)

    assert fragment.startswith("4 products (4 new)")
    assert run.featured_pages == list(CategoryPage.objects.child_of(site_root_page()).order_by("path"))


def test_no_products_means_no_stories_yet():
    summary, _ = load(products=0)

    assert summary.products_total == 0 and summary.stories_created == 0
    assert not StoryPage.objects.exists()
    assert CategoryPage.objects.exists()


def test_every_demo_page_answers_200(client, loaded):
    pages = list(Page.objects.live().filter(depth__gte=2).specific())
    assert len(pages) > PRODUCTS
    failures = [(page.url, client.get(page.url).status_code) for page in pages]
    assert [failure for failure in failures if failure[1] != 200] == []


def test_categories_that_gain_products_are_announced_as_published_so_caches_follow():
    # Bulk rows send no signal: the loader announces each grown category once instead.
    from wagtail.signals import page_published

    announced = []

    def note(sender, instance, **kwargs):
        announced.append(instance.pk)

    page_published.connect(note, dispatch_uid="test_demo_announced")
    try:
        load(products=6)
        first = list(announced)
        announced.clear()
        load(products=6)
        again = list(announced)
    finally:
        page_published.disconnect(dispatch_uid="test_demo_announced")

    parents = {product.get_parent().pk for product in ProductPage.objects.filter(sku__startswith="DEMO-")}
    assert sorted(first) == sorted(parents)
    assert again == []  # nothing added, nothing to announce


def test_some_products_on_sized_shelves_are_sold_in_every_size():
    brands = [Brand(name=f"Brand {n}", slug=f"brand-{n}") for n in range(3)]
    cookware = next(sub for sub in CATEGORY_TREE[0].subcategories if sub.slug == "cookware")

    def drawn(seed):
        pages = []
        for index in range(200):
            page = build_product(random.Random(index), sku=f"T-{index}", sub=cookware, brands=brands)
            offer_sizes(page, sub=cookware, seed=seed)
            pages.append(page)
        return [
            (page.title, [(v.sku, v.size, v.price_override, v.stock) for v in page.variants.all()])
            for page in pages
        ]

    first = drawn(7)
    sized = [variants for _, variants in first if variants]
    assert 0.05 < len(sized) / len(first) < 0.4
    assert all([size for _, size, _, _ in variants] == list(cookware.variants) for variants in sized)
    # The sized product's name drops the size its title would have ended with.
    assert all(not title.endswith(tuple(cookware.variants)) for title, variants in first if variants)
    assert drawn(7) == first and drawn(8) != first


def test_a_loaded_product_sold_in_sizes_holds_their_stock():
    with transaction.atomic():
        load(products=30, seed=7)
        sized = ProductPage.objects.filter(variant_count__gt=0)
        assert sized.exists()
        for product in sized:
            assert product.stock == sum(product.variants.values_list("stock", flat=True))
        transaction.set_rollback(True)
