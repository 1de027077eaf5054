"""Conditional GETs for the anonymous catalogue, tied to the API's content version (decision 7).

The ETag is a digest of the content version (the site-wide generation and the "api"
namespace, home.serving.content_cache) and the request's path and query: it changes when a
publish, unpublish, visible stock movement, review or brand edit reaches the catalogue. A matching If-None-Match
is answered 304 before any query runs; a miss is computed once per generation and kept
in the cache. Shared caches may store the response but must revalidate (``no-cache``).
Signed-in requests are answered fresh and ``private``.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string
from rest_framework.response import Response

from home.serving.cache_policy import cache_seconds


def content_version() -> str:
    # A dotted path in settings: the catalogue reads the generation without importing home.
    return import_string(settings.SHOP_API_CONTENT_VERSION)()


def content_cached(get):
    """Wrap a GET handler whose answer depends only on the URL and published content."""

    @functools.wraps(get)
    def wrapper(view, request, *args, **kwargs):
        if request.user.is_authenticated:
            response = get(view, request, *args, **kwargs)
            response["Cache-Control"] = "private, no-cache"
            return response
        identity = f"{content_version()} {request.get_full_path()}"
        etag = '"' + hashlib.sha256(identity.encode()).hexdigest()[:32] + '"'
        if etag in _etags(request.headers.get("If-None-Match", "")):
            response = Response(status=304)
        else:
            key = "api:" + etag.strip('"')
            data = cache.get(key)
            if data is None:
                response = get(view, request, *args, **kwargs)
                if response.status_code != 200:
                    return response
                cache.set(key, response.data, cache_seconds())
            else:
                response = Response(data)
        response["ETag"] = etag
        response["Cache-Control"] = "public, no-cache"
        patch_vary_headers(response, ["Cookie", "Authorization"])
        return response

    return wrapper


def _etags(header: str) -> set[str]:
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
