"""The foundation reaches the shop only through the hooks named in settings."""

import pytest

from home import serving_hooks

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


def test_the_shop_names_its_view_counter_and_cart_count(settings):
    assert settings.SHOP_SERVING_HOOKS == {
        "record_view": "catalogue.services.view_counts.view_record",
        "cart_item_count": "catalogue.services.cart.session_item_count",
    }
