"""The catalogue's part of `manage.py load_demo_data`.

``load_catalogue`` does the work and can be called on its own; ``load_catalogue_step``
adapts it to the loader's step protocol (see ``home.demo.steps``).
"""

from home.demo.homepage import default_home_page

from .loader import CatalogueSummary, load_catalogue


def load_catalogue_step(run) -> str:
    """The `load_demo_data` step: reads ``run.products``, adds the top categories to ``run.featured_pages``."""
    summary = load_catalogue(
        products=run.products, seed=run.seed, stdout=run.stdout, home_page=default_home_page()
    )
    run.featured_pages.extend(summary.top_categories)
    return str(summary)


__all__ = ["CatalogueSummary", "load_catalogue", "load_catalogue_step"]
