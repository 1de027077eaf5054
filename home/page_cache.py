"""Full-page cache for anonymous visitors, personalised on the way out.

A page is rendered once per content generation (see home.content_cache) and stored
with the visitor-specific bits cut out: the CSRF token of every form and the cart
count in the header.  Each hit puts this visitor's own token and count back with
two string replacements, so a cached page never carries another visitor's token or
cart, and POST forms on it keep working for a brand-new visitor.

Hits are answered by ``PageCacheMiddleware``, last in the middleware stack, before
Django resolves the URL; ``home.routing.serve`` stores what it renders after a miss.

Not cached: signed-in users (their pages show their own review form and account),
requests with pending messages, anything but GET/HEAD, private pages, and any
response other than a plain 200.
"""

import functools
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse

from home.content_cache import GENERATION_KEY, content_generation

CSRF_PLACEHOLDER = "__PAGE_CACHE_CSRF__"
CART_PLACEHOLDER = "__PAGE_CACHE_CART_COUNT__"
CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CART_COUNT = re.compile(r"(data-cart-count>)\d+(<)")


@dataclass(frozen=True)
class CachedPage:
    content: str
    content_type: str
    page_id: int | None
    counts_views: bool = False
    # The content generation the page was rendered in; any other generation means stale.
    generation: str = ""


def _session_is_personal(request) -> bool:
    # len() peeks at pending flash messages without marking them as shown.
    return request.user.is_authenticated or len(get_messages(request)) > 0


# Views of our own that shoppers hit often (every search, every autocomplete keystroke):
# no cache lookup for them. Exact paths only: anything below them could still be a page.
NOT_PAGES = (
    "search",
    "search_suggest",
    "catalogue:cart",
    "catalogue:cart_add",
    "catalogue:cart_update",
    "catalogue:cart_remove",
    "catalogue:checkout",
    "healthz",
    "sitemap",
    "robots_txt",
)


@functools.cache
def not_page_paths() -> frozenset[str]:
    return frozenset(reverse(name) for name in NOT_PAGES)


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith("/admin/")
        and request.path_info not in not_page_paths()
        and not getattr(request, "is_preview", False)
        and not _session_is_personal(request)
    )


def cache_key(request) -> str:
    full_path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{request.get_host()}:{full_path}"


def personalise(entry: CachedPage, request) -> HttpResponse:
    from catalogue.services.cart import session_item_count

    content = entry.content.replace(CSRF_PLACEHOLDER, get_token(request))
    content = content.replace(CART_PLACEHOLDER, str(session_item_count(request)))
    response = HttpResponse(content, content_type=entry.content_type)
    response["X-Page-Cache"] = "hit"
    return response


def lookup(request) -> CachedPage | None:
    """The cached page if it is of the current content generation: one cache round trip for both."""
    key = cache_key(request)
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or content_generation()
    # A render that follows a miss is stored under the generation seen now, so a publish
    # landing mid-render leaves an entry that is already stale, never a stale one marked fresh.
    request._page_cache_generation = generation
    entry = found.get(key)
    return entry if entry is not None and entry.generation == generation else None


def store(request, response, page) -> None:
    """Keep a rendered 200 for the next anonymous visitor, with the personal bits cut out."""
    if (
        response.status_code != 200
        or response.has_header("Cache-Control")
        and "private" in response["Cache-Control"]
    ):
        return
    if page is None or page.get_view_restrictions().exists():
        return
    content = response.content.decode(response.charset)
    content = CSRF_FIELD.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", content)
    content = CART_COUNT.sub(rf"\g<1>{CART_PLACEHOLDER}\g<2>", content)
    entry = CachedPage(
        content=content,
        content_type=response["Content-Type"],
        page_id=page.pk,
        counts_views=getattr(page, "counts_views", False),
        generation=getattr(request, "_page_cache_generation", None) or content_generation(),
    )
    cache.set(cache_key(request), entry, settings.PAGE_CACHE_SECONDS)
    response["X-Page-Cache"] = "miss"


class PageCacheMiddleware:
    """Answers cache hits before URL resolution and Wagtail's routing: about a fifth of a hit's time.

    It must come after the session, authentication, CSRF and message middleware, whose
    state decides whether a request may be served from the cache at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_cacheable_request(request):
            entry = lookup(request)
            if entry is not None:
                if entry.counts_views:
                    from catalogue.services.view_counts import view_record

                    view_record(product_id=entry.page_id)
                return personalise(entry, request)
        return self.get_response(request)
