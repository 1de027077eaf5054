"""The catalogue's part of `manage.py load_demo_data`.

``load_catalogue`` does the work and can be called on its own; ``load_catalogue_step``
adapts it to the loader's step protocol (see ``home.demo.steps``); ``steps.STEPS``
puts it in order with the foundation's steps.
"""

from home.demo.homepage import default_home_page

from .loader import SKU_PREFIX, CatalogueSummary, load_catalogue
from .marketing import load_promotions, load_redirects
from .orders import load_shopper_orders
from .workflow import load_waiting_products


def load_catalogue_step(run) -> str:
    """The `load_demo_data` step: reads ``run.products``, adds the top categories to ``run.featured_pages``."""
    summary = load_catalogue(
        products=run.products, seed=run.seed, stdout=run.stdout, home_page=default_home_page()
    )
    run.featured_pages.extend(summary.top_categories)
    return str(summary)


def load_marketing_step(run) -> str:
    """Redirects and promoted search results for the marketer's screens (after the catalogue)."""
    redirects = promotions = 0
    for _ in run.progress([None], 1, "Redirects and promotions"):
        redirects, promotions = load_redirects(), load_promotions()
    return f"{redirects} new redirects, {promotions} new promoted results"


def load_shopper_orders_step(run) -> str:
    """The demo shopper's orders, one in every status, and their verified-purchase reviews."""
    summary = ""
    for _ in run.progress([None], 1, "Shopper orders"):
        summary = str(load_shopper_orders(sku_prefix=f"{SKU_PREFIX}-"))
    return summary


def load_waiting_products_step(run) -> str:
    """New products waiting at each task of the editorial workflow."""
    created = 0
    for _ in run.progress([None], 1, "Workflow"):
        created = load_waiting_products(seed=run.seed)
    return f"{created} new products in the workflow"


__all__ = [
    "CatalogueSummary",
    "load_catalogue",
    "load_catalogue_step",
    "load_marketing_step",
    "load_shopper_orders_step",
    "load_waiting_products_step",
]
