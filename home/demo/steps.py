"""The foundation's demo steps and the state every step shares.

A step is a function ``step(run: DemoRun) -> str`` that must be idempotent (running the
loader twice changes nothing the second time), wraps any loop in ``run.progress(...)``,
and returns a fragment for the summary line such as ``"5 accounts"``.  Each step runs in
its own transaction.

The steps here need nothing but the foundation (accounts, the home page, the Site, the
database). `manage.py load_demo_data` lives in ``catalogue`` (the app that knows about
both sides) and puts these around its own steps in ``catalogue.demo.steps.STEPS``: the
catalogue's steps read ``run.products`` and append top categories to
``run.featured_pages``, which ``load_home_page`` links from the hero.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO, TypeVar

from django.db import connection
from wagtail.models import Page

from home.renditions import renditions_backfill
from home.serving.site_address import default_site_follow_base_url

from .accounts import DEMO_ACCOUNTS, demo_password_hash, ensure_demo_account
from .homepage import fill_home_page, fill_seo_settings
from .progress import progress

T = TypeVar("T")


@dataclass
class DemoRun:
    seed: int
    products: int
    stdout: TextIO
    featured_pages: list[Page] = field(default_factory=list)
    renditions: bool = True

    def progress(self, iterable: Iterable[T], total: int, label: str) -> Iterator[T]:
        return progress(iterable, total=total, label=label, stream=self.stdout)


def load_accounts(run: DemoRun) -> str:
    password_hash = ""
    for account in run.progress(DEMO_ACCOUNTS, len(DEMO_ACCOUNTS), "Accounts"):
        # Hashed inside the loop so the slow, deliberate hashing shows in the bar's time.
        password_hash = password_hash or demo_password_hash()
        ensure_demo_account(account, password_hash)
    return f"{len(DEMO_ACCOUNTS)} accounts"


def load_home_page(run: DemoRun) -> str:
    outcome = ""
    for featured_pages in run.progress([run.featured_pages], 1, "Home page"):
        outcome = fill_home_page(seed=run.seed, featured_pages=featured_pages)
        fill_seo_settings(seed=run.seed)
    return f"home page {outcome}"


def load_site_address(run: DemoRun) -> str:
    """Links built from the Site (canonical, og:url, sitemap) point where the site is served."""
    site = None
    for _ in run.progress([None], 1, "Site address"):
        site = default_site_follow_base_url()
    return f"site at {site.root_url}" if site else ""


def load_renditions(run: DemoRun) -> str:
    """The renditions pages show of every picture, made now rather than by the first visitors.

    Image saves queue nothing while the loader runs (home.renditions.renditions_deferred):
    one pass here is cheaper than a task per picture.
    """
    if not run.renditions:
        return ""
    _images, created = renditions_backfill(run.progress)
    return f"{created} renditions"


def refresh_planner_statistics(run: DemoRun) -> str:
    """After a bulk load PostgreSQL plans with stale row counts until autovacuum analyses the
    tables, or forever where autovacuum is off: listings with the privacy check then took
    140 ms instead of 7 ms at 2,000 products. So refresh them now."""
    if connection.vendor != "postgresql":
        return ""
    for _ in run.progress([None], 1, "Planner statistics"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return "planner statistics refreshed"


Step = Callable[[DemoRun], str]
