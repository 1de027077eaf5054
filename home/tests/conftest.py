"""Fixtures for the home app: the site's HomePage, pages under it, and a real image."""

import pytest
import wagtail_factories
from wagtail.models import Site

# The workflow's users and draft product, for every workflow test module.
from home.tests.workflow_admin import draft_product, editor, marketer, moderator  # noqa: F401


@pytest.fixture
def home_page(db):
    """The HomePage migration 0002 put at the root of the default site."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def add_page(home_page):
    """Add a plain Wagtail page under the home page.

    HomePage only allows catalogue pages as children in the admin; add_child (which the
    factory calls) skips that rule, so these tests need nothing from the catalogue.
    """

    def add(title, **fields):
        return wagtail_factories.PageFactory(parent=home_page, title=title, **fields)

    return add


@pytest.fixture
def png_image(db):
    """A Wagtail image whose file is a real PNG drawn by Pillow."""
    return wagtail_factories.ImageFactory(
        title="Teal swatch",
        file__filename="teal-swatch.png",
        file__format="PNG",
        file__color="teal",
        file__width=1800,
        file__height=900,
    )


def publish_body(page, body):
    """Give ``page`` a new body and publish it, the way the admin would."""
    page.body = body
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def page_cache_on(settings):
    """The page cache on, as in production (the test settings turn it off)."""
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def no_pending_views():
    """No product views held from an earlier test: counts start at zero."""
    from catalogue.services.view_counts import view_counts_flush

    view_counts_flush()
