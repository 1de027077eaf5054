"""What the page-serving foundation asks of the apps above it, named in settings.

``home`` serves pages for every app but imports none of them: the shop tells it, in
``SHOP_SERVING_HOOKS``, how to count a product view or a search, how many items a
visitor's cart holds and how to load the front page's shop blocks together, and home
calls those through here. A missing hook does nothing (the blocks then load their own rows).
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string


@functools.cache
def _hook(name: str) -> Callable | None:
    path = getattr(settings, "SHOP_SERVING_HOOKS", {}).get(name)
    return import_string(path) if path else None


def count_hit(name: str, arguments: dict) -> None:
    """Count what a cached page's hit counts (``page_cache.count_on_hit``): hook ``name`` with ``arguments``."""
    hook = _hook(name)
    if hook is not None:
        hook(**arguments)


def view_hit(page_id: int) -> tuple[str, dict]:
    """What counts one view of a page that counts views (a product), for ``count_hit``."""
    return "record_view", {"product_id": page_id}


def record_view(page_id: int) -> None:
    """Count one view of a page that counts views (a product)."""
    count_hit(*view_hit(page_id))


def cart_item_count(request) -> int:
    """Items in the visitor's cart, shown in the header of every page."""
    hook = _hook("cart_item_count")
    return hook(request) if hook is not None else 0


def preload_home_blocks(body, also=()) -> dict:
    """Load the front page's blocks together; {block id: rows a block shows}, read by the blocks.

    ``also``: (image, rendition spec) pairs the rest of the page shows, loaded with the blocks' pictures.
    """
    hook = _hook("preload_home_blocks")
    return hook(body, also=also) if hook is not None else {}


def clear() -> None:
    """Forget the resolved hooks (tests that override the setting call this)."""
    _hook.cache_clear()
