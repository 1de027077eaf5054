"""Full-page cache for anonymous visitors, personalised on the way out.

A page is rendered once and stored under the tags of what it was built from (see
home.serving.cache_dependencies), until a change of one of them deletes it; it is stored
with the visitor-specific bits cut out: the CSRF token of every form and the cart
count in the header.  Each hit puts this visitor's own token and count back with
two string replacements, so a cached page never carries another visitor's token or
cart, and POST forms on it keep working for a brand-new visitor.

Each worker keeps the hot pages it served in memory, dropped when Redis pushes a change
(``home.serving.hot_pages``, decision 63), so a warm hit makes no round trip at all.

Hits for visitors without a session cookie are answered in front of Django's handler, by
``home.serving.front.PageCacheFront`` around the WSGI application (decision 70); those with
one by ``PageCacheMiddleware``, last in the stack, before Django resolves the URL (decision 48).
``home.serving.routing.serve`` stores what it renders after a miss: the body cut at the personal
bits and pre-compressed (``home.serving.cached_body``). A view of our own is cached the same
way by decorating it with ``cached_view`` (the search results page, decision 69); a hit may
count something, as its render did, through a serving hook (``count_on_hit``).

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

from home.serving import cached_body, hot_pages
from home.serving import hooks as serving_hooks
from home.serving.cache_dependencies import page_dependencies, recorded_tags
from home.serving.content_cache import (
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
SLOT_PLACEHOLDERS = {cached_body.CSRF: CSRF_PLACEHOLDER, cached_body.CART: CART_PLACEHOLDER}
# Bounds on what one page may hold in the cache. Demo pages weigh 30-60 KB; a body past
# MAX_BYTES is a runaway listing and is rendered each time instead of crowding others out.
MAX_BYTES = 256 * 1024
# Renders with parameters (filters, sorting, pages of results) kept per page and cache lifetime.
MAX_VARIANTS = 50


@dataclass(frozen=True)
class CachedPage:
    # The page cut at the visitor's CSRF token and cart count, plain and gzip-compressed.
    body: cached_body.CutBody
    content_type: str
    # The site-wide generation the page was rendered in; any other generation means stale.
    # Finer changes need no check here: they delete the entry (home.serving.content_cache).
    generation: str = ""
    # The GET parameters this page reads: a lookup with parameters needs them for its key.
    query_params: tuple[str, ...] = ()
    # What a hit counts, as its render did: a serving hook's name and its keyword arguments
    # (a product page counts a view, a search results page a search).
    on_hit: tuple[str, dict] | None = None


def _session_is_personal(request) -> bool:
    # len() peeks at pending flash messages without marking them as shown.
    return request.user.is_authenticated or len(get_messages(request)) > 0


# Views of our own that shoppers hit often (every autocomplete keystroke, the cart) or that
# are cached their own way: no cache lookup for them. Exact paths only: anything below them
# could still be a page. (The search page is cached like a page: ``cached_view``.)
NOT_PAGES = (
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


def is_cacheable_request(request, *, session_checked: bool = False) -> bool:
    """May this request be answered from, and its render stored in, the cache?

    ``session_checked``: the caller knows the visitor has no session (so is anonymous, with
    no messages), and the session and auth middleware have not run.
    """
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith("/admin/")
        and request.path_info not in not_page_paths()
        and not getattr(request, "is_preview", False)
        and (session_checked or not _session_is_personal(request))
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
    # "v3": entries say what a hit counts (``on_hit``); those of earlier layouts are never read.
    return f"page:v3:{request.scheme}://{request.get_host()}:{path}"


def variant_key(base: str, query: str) -> str:
    return f"{base}?{hashlib.sha256(query.encode()).hexdigest()}"


def params_key(base: str) -> str:
    return f"{base}:params"


def keep_only_read_params(request, page) -> None:
    """Render the page as its cache key says: parameters it does not read never reach it.

    Otherwise ``?junk=1`` would end up inside the stored HTML (pagination links, the
    add-to-cart ``next``) and be shown to every visitor of the bare URL.
    """
    _keep_only(request, page_query_params(page))


def _keep_only(request, read: tuple[str, ...]) -> None:
    query = normalised_query(request.GET, read)
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


def _django_token(request) -> bytes:
    return get_token(request).encode()


def personalise(entry: CachedPage, request, csrf_token=_django_token) -> HttpResponse:
    """This visitor's copy of a cached page: their own CSRF token and cart count, in one pass.

    A token is made only for a page with a form on it (as a render would), by ``csrf_token``
    (Django's ``get_token`` unless the caller sets the cookie itself), and the body goes out
    already compressed to a client that accepts gzip.
    """
    body = entry.body
    token = csrf_token(request) if body.has_csrf else b""
    count = serving_hooks.cart_item_count(request)
    compressed = cached_body.ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) and (
        cached_body.can_send_compressed(body, count)
    )
    if compressed:
        response = HttpResponse(cached_body.assemble_gzip(body, token), content_type=entry.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(
            cached_body.assemble(body, token, str(count).encode()), content_type=entry.content_type
        )
    # Whether a request is a hit depends on its cookies, and the body on the encoding asked
    # for (the gzip middleware, which leaves an encoded body alone, would not say so). A new
    # response has no Vary of its own to merge with.
    response["Vary"] = "Cookie, Accept-Encoding"
    response["X-Page-Cache"] = "hit"
    return response


def _fresh(entry, generation):
    return entry if entry is not None and entry.generation == generation else None


def lookup(request) -> CachedPage | None:
    """The cached page if it is of the current site-wide generation (anything cached is otherwise valid).

    A bare URL is answered from the worker's copy when it holds one (``home.serving.hot_pages``),
    with no round trip; otherwise one cache round trip for a bare URL, or for parameters the
    page does not read (a miss of a bare URL reads the clock too), and a second one only for
    a variant (a filtered or paginated listing).
    """
    base = base_key(request)
    if not request.GET:
        copies = hot_pages.page_copies()
        found = copies.get_many([copies.make_key(GENERATION_KEY), copies.make_key(base)]) if copies else None
        if found is not None:
            return _lookup_held(request, *found)
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


def _lookup_held(request, generation, entry) -> CachedPage | None:
    """A bare URL's lookup from the worker's copies (``home.serving.hot_pages``): no round trip on a hit."""
    generation = generation or content_generation()
    request._page_cache_generation = generation
    entry = _fresh(entry, generation)
    if entry is None:
        # Only a miss needs the clock, read now, before the render it guards (see lookup).
        request._page_cache_clock = clock_value({CLOCK_KEY: cache.get(CLOCK_KEY)}) or 0
    return entry


def _variant_allowed(base: str, generation: str, max_variants: int) -> bool:
    counter = f"{base}:variants:{generation}"
    cache.add(counter, 0, settings.PAGE_CACHE_SECONDS)
    try:
        stored = cache.incr(counter)
    except ValueError:  # evicted between add and incr
        return False
    # None: the cache is down and ignores errors; nothing would be stored anyway.
    return stored is not None and stored <= max_variants


def store(request, response, page) -> None:
    """Keep a rendered page for the next anonymous visitor, with the personal bits cut out."""
    if page is None:
        return
    # Its own page (view restrictions, a password) is checked only once the response may be kept.
    _store(
        request,
        response,
        read=page_query_params(page),
        tags=page_dependencies(page, request),
        on_hit=serving_hooks.view_hit(page.pk) if getattr(page, "counts_views", False) else None,
        shown_to_anyone=lambda: not page.get_view_restrictions().exists(),
    )


def _storable(response) -> bool:
    private = response.has_header("Cache-Control") and "private" in response["Cache-Control"]
    return response.status_code == 200 and not private and len(response.content) <= MAX_BYTES


def _store(
    request,
    response,
    *,
    read: tuple[str, ...],
    tags: set[str],
    on_hit: tuple[str, dict] | None = None,
    max_variants: int | None = None,
    shown_to_anyone=lambda: True,
) -> None:
    """Keep a rendered 200 under ``tags``, keyed by the parameters in ``read``, unless it is personal."""
    # Rendered with parameters it was not meant to see (a page Wagtail routed itself):
    # the HTML may carry them, so it is not what the normalised key promises.
    if not _storable(response) or not set(request.GET) <= set(read) or not shown_to_anyone():
        return
    generation = getattr(request, "_page_cache_generation", None) or content_generation()
    base = base_key(request)
    query = normalised_query(request.GET, read)
    limit = MAX_VARIANTS if max_variants is None else max_variants
    if query and not _variant_allowed(base, generation, limit):
        return
    content = response.content.decode(response.charset)
    content = CSRF_FIELD.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", content)
    content = CART_COUNT.sub(rf"\g<1>{CART_PLACEHOLDER}\g<2>", content)
    entry = CachedPage(
        body=cached_body.cut(content, response.charset, SLOT_PLACEHOLDERS),
        content_type=response["Content-Type"],
        generation=generation,
        query_params=read,
        on_hit=on_hit,
    )
    key = variant_key(base, query) if query else base
    seen_clock = getattr(request, "_page_cache_clock", None)
    if seen_clock is None:  # rendered without a lookup first
        seen_clock = read_clock()
    cache.set(params_key(base), (generation, read), settings.PAGE_CACHE_SECONDS)
    store_tagged({key: entry}, {key: tags}, seen_clock, settings.PAGE_CACHE_SECONDS)
    response["X-Page-Cache"] = "miss"


def count_on_hit(request, hook: str, **arguments) -> None:
    """Have every hit of what this view renders call serving hook ``hook`` with ``arguments``, as the render did."""
    request._page_cache_on_hit = (hook, arguments)


def cached_view(
    *, query_params: tuple[str, ...], tags: tuple[str, ...] = (), max_variants: int | None = None
):
    """Cache a view of our own for anonymous visitors as pages are, looked up by the same middleware.

    ``query_params``: every GET parameter the view reads (others are dropped before it runs,
    as for pages); ``tags``: what it shows beyond what its render records (``depend_on``);
    ``max_variants``: renders with parameters kept per cache lifetime (``MAX_VARIANTS``
    unless given). The view calls ``count_on_hit`` if its hits must count something.
    """
    read = tuple(query_params)

    def decorate(view):
        @functools.wraps(view)
        def cached(request, *args, **kwargs):
            # The middleware looked it up and missed (it leaves the generation it saw):
            # render as the key says, and store. Signed-in visitors are never looked up.
            cacheable = hasattr(request, "_page_cache_generation")
            if cacheable:
                _keep_only(request, read)
            response = view(request, *args, **kwargs)
            if cacheable:
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                _store(
                    request,
                    response,
                    read=read,
                    tags={*tags, *recorded_tags(request)},
                    on_hit=getattr(request, "_page_cache_on_hit", None),
                    max_variants=max_variants,
                )
            return response

        return cached

    return decorate


def count_hit(entry: CachedPage) -> None:
    """Count what a hit of ``entry`` counts (a product view, a search), as its render did."""
    if entry.on_hit is not None:
        serving_hooks.count_hit(*entry.on_hit)


def _serve_hit(request) -> HttpResponse | None:
    entry = lookup(request)
    if entry is None:
        return None
    count_hit(entry)
    return personalise(entry, request)


# Where a lookup made in front of Django (``home.serving.front``) that missed leaves the
# generation and clock it saw. Not a header: a client cannot set an environ key without the
# HTTP_ prefix.
HANDED_ON_LOOKUP = "home.page_cache.lookup"


def hand_on_lookup(request, environ: dict) -> None:
    """Leave ``request``'s missed lookup in the WSGI ``environ``: the render that follows is stored under it."""
    environ[HANDED_ON_LOOKUP] = (request._page_cache_generation, request._page_cache_clock)


class PageCacheMiddleware:
    """Answers cache hits that the front did not, before URL resolution and Wagtail's routing.

    Visitors with a session, and every visitor where the application is not wrapped in
    ``home.serving.front.PageCacheFront`` (ASGI, Django's test client).

    It must come after the session, authentication, CSRF and message middleware, whose
    state decides whether a request may be served from the cache at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        handed_on = request.META.get(HANDED_ON_LOOKUP)
        if handed_on is not None:
            # Looked up in front of Django already, and missed: render under what it saw.
            request._page_cache_generation, request._page_cache_clock = handed_on
        elif is_cacheable_request(request):
            response = _serve_hit(request)
            if response is not None:
                return response
        return self.get_response(request)
