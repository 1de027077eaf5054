"""Tell the CDN in front of the site (wagtail.contrib.frontend_cache) what went stale.

A published or unpublished page's own URL goes stale, and so do its categories'
listings, the home page and the sitemap; a move changes the URLs of a whole subtree.
All of them are purged here. Wagtail's own handlers, which would purge the page's URL
synchronously inside the publish transaction (so the CDN could refetch the old page
before the commit), are never connected: see ``home.apps.FrontendCacheConfig``.

Everything one transaction makes stale is gathered into one set and sent once, after
the commit (so the CDN cannot refetch the old content in between), by a Celery task
(so a slow CDN API never holds up the editor). URLs come from the pages' url_paths
and the cached site roots, without queries: deleting a category with thousands of
products costs one purge, not thousands.
"""

import logging
import threading

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

SITEMAP_PATH = "sitemap.xml"


def is_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def urls_showing(url_path: str) -> set[str]:
    """The public URL of the page at ``url_path``, of every listing above it, and the sitemap."""
    roots = [root for root in Site.get_site_root_paths() if url_path.startswith(root.root_path)]
    if not roots:
        return set()
    root = max(roots, key=lambda root: len(root.root_path))
    relative = url_path[len(root.root_path) :].strip("/")
    segments = relative.split("/") if relative else []
    urls = {f"{root.root_url}/{SITEMAP_PATH}"}
    for depth in range(len(segments) + 1):
        path = "/".join(segments[:depth])
        urls.add(f"{root.root_url}/{path}/" if path else f"{root.root_url}/")
    return urls


def _send(urls: set[str]) -> None:
    from home.tasks import purge_frontend_cache

    try:
        purge_frontend_cache.delay(sorted(urls))
    except BrokerError:
        logger.warning("Broker unavailable; purging %d URL(s) from the CDN in the request", len(urls))
        purge_frontend_cache(sorted(urls))


# The URLs made stale since the last purge went out, per thread (a connection is per thread).
_stale = threading.local()


def _stale_urls() -> set[str]:
    if not hasattr(_stale, "urls"):
        _stale.urls = set()
    return _stale.urls


def _flush() -> None:
    """Send every stale URL gathered so far, once; later callbacks of the same commit find none."""
    urls = _stale_urls()
    if urls:
        taken = set(urls)
        urls.clear()
        _send(taken)


def purge_on_commit(*url_paths: str) -> None:
    """Purge, once this transaction commits, everything that shows the pages at these url_paths.

    Each call adds its URLs to one set and registers a flush with Django's public
    ``transaction.on_commit``; the first flush after the commit sends the whole set
    and the rest find it empty, so a transaction that deletes a thousand pages sends
    one purge. A rolled-back block drops its flushes with it; its URLs stay in the set
    and go out with the next purge (a spare purge costs the CDN one refetch, a lost one
    would leave a stale page). Outside a transaction ``on_commit`` runs at once.
    ``robust``: a failing purge is logged and the transaction's other callbacks still run.
    """
    if not is_configured():
        return
    _stale_urls().update(*(urls_showing(url_path) for url_path in url_paths))
    transaction.on_commit(_flush, robust=True)


def purge_moved_on_commit(page, url_path_before: str) -> None:
    """A move changes the URL of the page and all its descendants, and two listings."""
    if not is_configured():
        return
    moved = Page.objects.descendant_of(page, inclusive=True).values_list("url_path", flat=True)
    old_paths = [url_path_before + url_path[len(page.url_path) :] for url_path in moved]
    purge_on_commit(page.url_path, *old_paths)
