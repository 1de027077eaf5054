"""Full-page cache for anonymous visitors, personalised on the way out.

A page is rendered once and stored under the tags of what it was built from (see
home.cache_dependencies), until a change of one of them deletes it; it is stored
with the visitor-specific bits cut out: the CSRF token of every form and the cart
count in the header.  Each hit puts this visitor's own token and count back with
two string replacements, so a cached page never carries another visitor's token or
cart, and POST forms on it keep working for a brand-new visitor.

Hits are answered by ``PageCacheMiddleware``, last in the middleware stack, before
Django resolves the URL; ``home.routing.serve`` stores what it renders after a miss.

Not cached: signed-in users (their pages show their own review form and account),
requests with pending messages, anything but GET/HEAD, private pages, any response
other than a plain 200, and bodies over ``MAX_BYTES``.

The key is what the visitor sees: scheme, host and path, plus only the GET parameters
the page type reads (its ``cached_query_params``; none unless it says so), sorted.
``?utm_source=x`` and ``?junk=1`` are answered from, and rendered as, the bare URL's
entry. Each page keeps at most ``MAX_VARIANTS`` renders with parameters per
cache lifetime, so arbitrary filter values cannot fill Redis with copies of one page.
"""

import functools
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.urls import reverse

from home import serving_hooks
from home.cache_dependencies import page_dependencies
from home.content_cache import (
    CLOCK_KEY,
    GENERATION_KEY,
    clock_value,
    content_generation,
    read_clock,
    store_tagged,
)

CSRF_PLACEHOLDER = "__PAGE_CACHE_CSRF__"
CART_PLACEHOLDER = "__PAGE_CACHE_CART_COUNT__"
CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CART_COUNT = re.compile(r"(data-cart-count>)\d+(<)")
# Bounds on what one page may hold in the cache. Demo pages weigh 30-60 KB; a body past
# MAX_BYTES is a runaway listing and is rendered each time instead of crowding others out.
MAX_BYTES = 256 * 1024
# Renders with parameters (filters, sorting, pages of results) kept per page and cache lifetime.
MAX_VARIANTS = 50


@dataclass(frozen=True)
class CachedPage:
    content: str
    content_type: str
    page_id: int | None
    counts_views: bool = False
    # The site-wide generation the page was rendered in; any other generation means stale.
    # Finer changes need no check here: they delete the entry (home.content_cache).
    generation: str = ""
    # The GET parameters this page reads: a lookup with parameters needs them for its key.
    query_params: tuple[str, ...] = ()


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
    "catalogue:product_feed",
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


def page_query_params(page) -> tuple[str, ...]:
    """The GET parameters a page's render depends on; every other one is noise to the cache."""
    return tuple(getattr(page, "cached_query_params", ()))


def normalised_query(params: QueryDict, read: tuple[str, ...]) -> str:
    """The parameters a page reads, sorted by name (values keep their order: the last one wins)."""
    kept = QueryDict(mutable=True)
    for name in sorted(set(params) & set(read)):
        kept.setlist(name, params.getlist(name))
    return kept.urlencode()


def base_key(request) -> str:
    # Scheme and host: http and https, or two Sites, render different absolute URLs.
    path = hashlib.sha256(request.path.encode()).hexdigest()
    return f"page:{request.scheme}://{request.get_host()}:{path}"


def variant_key(base: str, query: str) -> str:
    return f"{base}?{hashlib.sha256(query.encode()).hexdigest()}"


def params_key(base: str) -> str:
    return f"{base}:params"


def keep_only_read_params(request, page) -> None:
    """Render the page as its cache key says: parameters it does not read never reach it.

    Otherwise ``?junk=1`` would end up inside the stored HTML (pagination links, the
    add-to-cart ``next``) and be shown to every visitor of the bare URL.
    """
    query = normalised_query(request.GET, page_query_params(page))
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


def personalise(entry: CachedPage, request) -> HttpResponse:
    content = entry.content.replace(CSRF_PLACEHOLDER, get_token(request))
    content = content.replace(CART_PLACEHOLDER, str(serving_hooks.cart_item_count(request)))
    response = HttpResponse(content, content_type=entry.content_type)
    response["X-Page-Cache"] = "hit"
    return response


def _fresh(entry, generation):
    return entry if entry is not None and entry.generation == generation else None


def lookup(request) -> CachedPage | None:
    """The cached page if it is of the current site-wide generation (anything cached is otherwise valid).

    One cache round trip for a bare URL, or for parameters the page does not read; a
    second one only for a variant (a filtered or paginated listing).
    """
    base = base_key(request)
    keys = [GENERATION_KEY, CLOCK_KEY, base]
    if request.GET:
        keys.append(params_key(base))
    found = cache.get_many(keys)
    generation = found.get(GENERATION_KEY) or content_generation()
    # A render that follows a miss is stored under the generation and clock seen now, so a
    # change landing mid-render leaves no entry behind, never a stale one marked fresh.
    request._page_cache_generation = generation
    # No clock (an emptied cache, or one that is down): 0, so any stamp at all refuses the
    # store. Reading the clock later, at store time, would miss a change made meanwhile.
    request._page_cache_clock = clock_value(found) or 0
    entry = _fresh(found.get(base), generation)
    if not request.GET:
        return entry
    if entry is not None:
        read = entry.query_params
    else:
        record = found.get(params_key(base))
        if record is None or record[0] != generation:
            return None
        read = record[1]
    query = normalised_query(request.GET, read)
    if not query:
        return entry
    return _fresh(cache.get(variant_key(base, query)), generation)


def _variant_allowed(base: str, generation: str) -> bool:
    counter = f"{base}:variants:{generation}"
    cache.add(counter, 0, settings.PAGE_CACHE_SECONDS)
    try:
        stored = cache.incr(counter)
    except ValueError:  # evicted between add and incr
        return False
    # None: the cache is down and ignores errors; nothing would be stored anyway.
    return stored is not None and stored <= MAX_VARIANTS


def store(request, response, page) -> None:
    """Keep a rendered 200 for the next anonymous visitor, with the personal bits cut out."""
    if (
        response.status_code != 200
        or response.has_header("Cache-Control")
        and "private" in response["Cache-Control"]
    ):
        return
    if page is None:
        return
    read = page_query_params(page)
    # Rendered with parameters it was not meant to see (a page Wagtail routed itself):
    # the HTML may carry them, so it is not what the normalised key promises.
    if not set(request.GET) <= set(read):
        return
    if len(response.content) > MAX_BYTES:
        return
    if page.get_view_restrictions().exists():
        return
    generation = getattr(request, "_page_cache_generation", None) or content_generation()
    base = base_key(request)
    query = normalised_query(request.GET, read)
    if query and not _variant_allowed(base, generation):
        return
    content = response.content.decode(response.charset)
    content = CSRF_FIELD.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", content)
    content = CART_COUNT.sub(rf"\g<1>{CART_PLACEHOLDER}\g<2>", content)
    entry = CachedPage(
        content=content,
        content_type=response["Content-Type"],
        page_id=page.pk,
        counts_views=getattr(page, "counts_views", False),
        generation=generation,
        query_params=read,
    )
    key = variant_key(base, query) if query else base
    seen_clock = getattr(request, "_page_cache_clock", None)
    if seen_clock is None:  # rendered without a lookup first
        seen_clock = read_clock()
    cache.set(params_key(base), (generation, read), settings.PAGE_CACHE_SECONDS)
    store_tagged(
        {key: entry}, {key: page_dependencies(page, request)}, seen_clock, settings.PAGE_CACHE_SECONDS
    )
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
                    serving_hooks.record_view(entry.page_id)
                return personalise(entry, request)
        return self.get_response(request)
