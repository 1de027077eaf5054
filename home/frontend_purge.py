"""Tell the CDN in front of the site (wagtail.contrib.frontend_cache) what went stale.

Wagtail purges a page's own URL when it is published or unpublished. A product also
shows in its categories' listings, on the home page and in the sitemap, and a move
changes the URLs of a whole subtree; those are purged here. Purging waits for the
commit, so the CDN cannot refetch the old content before the new one is visible.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

SITEMAP_PATH = "sitemap.xml"


def is_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _site_root_url(page) -> str | None:
    site = page.get_site()
    return site.root_url if site else None


def _old_url(page, url_path: str) -> str | None:
    """The public URL a page had at ``url_path``, e.g. before a move."""
    root_url = _site_root_url(page)
    site = page.get_site()
    if root_url is None or not url_path.startswith(site.root_page.url_path):
        return None
    return root_url + "/" + url_path[len(site.root_page.url_path) :]


def pages_showing(page) -> PurgeBatch:
    """The page, every listing above it (home included) and the sitemap."""
    batch = PurgeBatch()
    batch.add_page(page)
    batch.add_pages(Page.objects.ancestor_of(page).filter(depth__gt=1).specific(defer=True))
    root_url = _site_root_url(page)
    if root_url:
        batch.add_url(f"{root_url}/{SITEMAP_PATH}")
    return batch


def purge_on_commit(page, *, old_url_paths: tuple[str, ...] = ()) -> None:
    """Queue a purge of everything that shows ``page``, plus URLs it used to have."""
    if not is_configured():
        return
    batch = pages_showing(page)
    for url_path in old_url_paths:
        old_url = _old_url(page, url_path)
        if old_url:
            batch.add_url(old_url)
    transaction.on_commit(batch.purge)


def purge_moved_on_commit(page, url_path_before: str, parent_before) -> None:
    """A move changes the URL of the page and all its descendants, and two listings."""
    if not is_configured():
        return
    moved = list(Page.objects.descendant_of(page, inclusive=True).only("id", "url_path"))
    old_paths = tuple(url_path_before + moved_page.url_path[len(page.url_path) :] for moved_page in moved)
    purge_on_commit(page, old_url_paths=old_paths)
    if parent_before is not None:
        purge_on_commit(parent_before)
