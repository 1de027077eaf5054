"""The foundation reaches the shop only through the hooks named in settings."""

import pytest
from django.utils.module_loading import import_string

from home.blocks import PARAGRAPH_FEATURES, FeaturedPagesBlock, HeroBlock, home_page_blocks
from home.models import HomePage
from home.serving import hooks as serving_hooks

COUNTED = []


def record(*, product_id):
    COUNTED.append(product_id)


def three_items(request):
    return 3


@pytest.fixture
def hooks(settings):
    def use(**named):
        settings.SHOP_SERVING_HOOKS = named
        serving_hooks.clear()

    yield use
    serving_hooks.clear()


def test_named_hooks_are_called(hooks, rf):
    hooks(
        record_view=f"{__name__}.record",
        cart_item_count=f"{__name__}.three_items",
    )
    COUNTED.clear()
    serving_hooks.record_view(7)
    assert COUNTED == [7]
    assert serving_hooks.cart_item_count(rf.get("/")) == 3


def test_missing_hooks_count_nothing_and_show_an_empty_cart(hooks, rf):
    hooks()
    serving_hooks.record_view(7)
    assert serving_hooks.cart_item_count(rf.get("/")) == 0


def test_missing_preload_hook_leaves_the_front_page_blocks_to_load_themselves(hooks):
    hooks()
    assert serving_hooks.preload_home_blocks(body=[]) == {}


def test_a_cached_pages_hit_counts_through_the_hook_it_names(hooks):
    hooks(record_view=f"{__name__}.record")
    COUNTED.clear()
    serving_hooks.count_hit("record_view", {"product_id": 9})
    serving_hooks.count_hit("record_search", {"query_string": "wok", "result_count": 1})  # not named: nothing
    assert COUNTED == [9]


def test_the_shop_names_its_counters_cart_count_and_front_page_loader(settings):
    assert settings.SHOP_SERVING_HOOKS == {
        "record_view": "catalogue.services.view_counts.view_record",
        "record_search": "search.hit_counts.search_hit_count",
        "cart_item_count": "catalogue.services.cart.session_item_count",
        "preload_home_blocks": "catalogue.merchandising.preload_merchandising",
    }


def test_front_page_blocks_come_from_the_setting_in_its_order(settings):
    settings.SHOP_HOME_PAGE_BLOCKS = [
        ("featured_pages", "home.blocks.FeaturedPagesBlock"),
        ("hero", "home.blocks.HeroBlock"),
        ("paragraph", "home.blocks.paragraph_block"),
    ]
    built = home_page_blocks()
    assert [name for name, _block in built] == ["featured_pages", "hero", "paragraph"]
    assert isinstance(built[0][1], FeaturedPagesBlock) and isinstance(built[1][1], HeroBlock)
    assert built[2][1].features == PARAGRAPH_FEATURES


def test_without_the_setting_the_front_page_has_only_home_own_blocks(settings):
    del settings.SHOP_HOME_PAGE_BLOCKS
    assert [name for name, _block in home_page_blocks()] == ["hero", "paragraph", "featured_pages"]


def test_the_home_page_field_holds_the_blocks_the_setting_names(settings):
    child_blocks = HomePage.body.field.stream_block.child_blocks
    assert list(child_blocks) == [name for name, _path in settings.SHOP_HOME_PAGE_BLOCKS]
    for name, path in settings.SHOP_HOME_PAGE_BLOCKS:
        assert type(child_blocks[name]) is type(import_string(path)())
