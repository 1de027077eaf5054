"""The sitemap, written a chunk of pages at a time, each chunk cached in the "sitemap" namespace.

Search engines read at most 50,000 URLs from one sitemap file. While the site has no
more live pages than ``SHOP_SITEMAP_FILE_PAGES``, /sitemap.xml is that one file;
past it, /sitemap.xml is a sitemap index naming /sitemap-1.xml, /sitemap-2.xml, …,
each holding at most that many pages in tree order.

A file is streamed ``CHUNK_PAGES`` pages at a time. A chunk is one query for the pages
and one per page type (Wagtail's ``specific()``), rendered to XML and cached under the
"sitemap" namespace, which any page's publish, unpublish, move or deletion moves on
(chunks shift with every page added, so naming each chunk's pages would not help), so memory stays flat at any size and a warm sitemap costs one
cache read per chunk. Pages hidden from search engines (``get_sitemap_urls`` returns
nothing for them) still count towards a file's limit: a file may hold fewer URLs,
never more.
"""

from collections.abc import Iterator
from datetime import date, datetime
from math import ceil
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from home.serving.cache_policy import cache_seconds
from home.serving.content_cache import namespaced_key

CHUNK_PAGES = 500
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET_OPEN = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
INDEX_OPEN = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def sitemap_site(request) -> Site:
    return Site.find_for_request(request) or Site.objects.select_related("root_page").get(
        is_default_site=True
    )


def sitemap_pages(site: Site):
    return site.root_page.get_descendants(inclusive=True).live().public().order_by("path")


def pages_per_file() -> int:
    return settings.SHOP_SITEMAP_FILE_PAGES


def file_count(request, site: Site) -> int:
    """How many sitemap files the site's live pages fill (at least one)."""
    key = namespaced_key("sitemap", "pages", request.get_host())
    pages = cache.get(key)
    if pages is None:
        pages = sitemap_pages(site).count()
        cache.set(key, pages, cache_seconds())
    return max(1, ceil(pages / pages_per_file()))


def _w3c(value) -> str:
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


def _render_chunk(request, site: Site, offset: int, size: int) -> tuple[str, int]:
    """The <url> entries of ``size`` pages from ``offset`` on, and how many pages there were."""
    pages = list(sitemap_pages(site).defer_streamfields().specific()[offset : offset + size])
    entries = []
    for page in pages:
        for url in page.get_sitemap_urls(request):
            lastmod = _w3c(url.get("lastmod"))
            entries.append(
                f"<url><loc>{escape(url['location'])}</loc>"
                + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
                + "</url>\n"
            )
    return "".join(entries), len(pages)


def urlset(request, site: Site, number: int) -> Iterator[str]:
    """Sitemap file ``number`` (from 1), as text to stream."""
    yield XML_HEAD + URLSET_OPEN
    start = (number - 1) * pages_per_file()
    stop = start + pages_per_file()
    for offset in range(start, stop, CHUNK_PAGES):
        size = min(CHUNK_PAGES, stop - offset)
        key = namespaced_key("sitemap", "chunk", request.get_host(), offset, size)
        chunk = cache.get(key)
        if chunk is None:
            chunk = _render_chunk(request, site, offset, size)
            cache.set(key, chunk, cache_seconds())
        entries, pages = chunk
        yield entries
        if pages < size:
            break
    yield "</urlset>\n"


def sitemap_index(site: Site, files: int, file_path) -> str:
    """The index naming every sitemap file; ``file_path(n)`` is file n's path."""
    entries = "".join(
        f"<sitemap><loc>{escape(site.root_url + file_path(n))}</loc></sitemap>\n" for n in range(1, files + 1)
    )
    return XML_HEAD + INDEX_OPEN + entries + "</sitemapindex>\n"
