"""Page-cache hits for visitors without a session, answered in front of Django's request handler.

``PageCacheFront`` wraps the site's WSGI application (``mysite/wsgi.py``). A GET or HEAD
that carries neither a session cookie nor a flash-message cookie comes from an anonymous
visitor with nothing pending, by construction: no middleware has anything to decide for it.
When the page cache holds the page, the front answers with the visitor's own CSRF token
and cookie, as the render would have, and Django's handler never runs: no request
signals, no middleware chain, no URL resolution (decision 70). Everything else, a miss
included, goes on to Django, where ``page_cache.PageCacheMiddleware`` stores what renders.

What the skipped middleware put on a response is put on a hit by those same classes
(security, content security policy, X-Frame-Options), worked out once per process on a
blank response: a cached page has no view to exempt or adjust them, and no nonce. The
front declines, and Django answers, wherever a skipped middleware would have acted on the
request itself: an HTTPS redirect, a www. redirect, refused user agents, CSRF secrets kept
in the session, static and media files, and the cross-origin API's paths. A hit that should
go out compressed but has no compressed copy is declined too, before it counts anything,
so Django's gzip middleware compresses it.

A miss leaves what its lookup saw (the generation and the clock) in the WSGI environ, so
the middleware stores the render under them without looking up again (``hand_on_lookup``).

Under ASGI, or where the application is not wrapped (Django's test client), every hit
goes through ``PageCacheMiddleware`` instead, with the same result.
"""

import logging
import re
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.security import SecurityMiddleware

from home.serving import cached_body, csrf_secrets, page_cache, timing

logger = logging.getLogger(__name__)


def _never_called(request):
    raise AssertionError("Only the response side of this middleware is used.")


def carries_no_session(request) -> bool:
    """No session cookie and no flash messages in a cookie: an anonymous visitor with nothing pending.

    Signed-in users and messages kept in the session both need the session cookie.
    """
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


class PageCacheFront:
    """WSGI middleware: answers page-cache hits of visitors without a session, else calls ``application``."""

    def __init__(self, application):
        self.application = application
        self.csrf = CsrfViewMiddleware(_never_called)
        self.csrf_cookie = csrf_secrets.CookieSetter(self.csrf)
        self.header_middleware = [
            SecurityMiddleware(_never_called),
            CSPMiddleware(_never_called),
            XFrameOptionsMiddleware(_never_called),
        ]
        # Static files (whitenoise), media and the cross-origin API are never pages; corsheaders'
        # default would make every path part of the API (then the front answers nothing).
        # Read once, as Django's middleware reads its settings when the handler is built.
        self.file_prefixes = tuple(url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url)
        self.cross_origin = re.compile(getattr(settings, "CORS_URLS_REGEX", r"^.*$"))
        self._headers = {}

    def __call__(self, environ, start_response):
        response = self.answer(environ)
        if response is None:
            return self.application(environ, start_response)
        headers = [
            *response.items(),
            *(("Set-Cookie", cookie.output(header="")) for cookie in response.cookies.values()),
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]

    def answer(self, environ) -> HttpResponse | None:
        """The hit for this request, complete with its headers, or None for Django to answer."""
        started = time.perf_counter()
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        try:
            if not self._may_hold_a_page(environ.get("PATH_INFO", "")):
                return None
            # A copy: Django's request writes the decoded path back into the environ it is
            # given, and Django's handler, which gets the environ if the front declines, reads
            # it again expecting PEP 3333's undecoded form.
            request = WSGIRequest(dict(environ))
            if not self._applies(request):
                return None
            response = self._serve(request, environ)
        except DisallowedHost:
            return None  # Django answers 400 and logs it, as for any request
        except Exception:  # noqa: BLE001 - a broken hit must never cost the visitor the page
            logger.exception("The page-cache front failed; Django answers instead")
            return None
        if response is not None:
            timing.stamp(response, started)
        return response

    def _serve(self, request, environ) -> HttpResponse | None:
        entry = page_cache.lookup(request)
        if entry is None:
            page_cache.hand_on_lookup(request, environ)
            return None
        self._read_csrf_cookie(request)
        response = page_cache.personalise(entry, request, self._csrf_token)
        if "Content-Encoding" not in response and cached_body.ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        ):
            # No compressed copy for a client that wants one: declined before the hit is
            # counted, so Django serves it, counts it and compresses it on the way out.
            return None
        page_cache.count_hit(entry)
        for name, value in self.headers(request):
            response.setdefault(name, value)
        # Sent on every page with a form, also to a visitor who has it: as Django does, so
        # its year-long expiry starts again (decision 68); and wherever Django's
        # process_request replaced a malformed cookie.
        if request._page_cache_gave_token or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            self.csrf_cookie.set_cookie(request, response)
        response["Content-Length"] = str(len(response.content))
        return response

    def _read_csrf_cookie(self, request) -> None:
        # A returning visitor's CSRF secret is kept; a new visitor gets one made cheaply.
        self.csrf.process_request(request)
        request.META.setdefault("CSRF_COOKIE", csrf_secrets.new_secret())
        request._page_cache_gave_token = False

    @staticmethod
    def _csrf_token(request) -> bytes:
        # Django's get_token, masked in one pass: a fresh mask for every response (BREACH).
        request._page_cache_gave_token = True
        return csrf_secrets.masked_token(request.META["CSRF_COOKIE"])

    def headers(self, request) -> list[tuple[str, str]]:
        """The headers the security, CSP and X-Frame-Options middleware give a page with no view of its own.

        The same for every hit over the same scheme (HSTS goes only over HTTPS): worked out
        by those middleware once per process and scheme.
        """
        key = request.is_secure()
        if key not in self._headers:
            blank = HttpResponse()
            before = set(blank.headers)
            for middleware in self.header_middleware:
                blank = middleware.process_response(request, blank)
            self._headers[key] = [
                (name, value) for name, value in blank.headers.items() if name not in before
            ]
        return self._headers[key]

    def _may_hold_a_page(self, path: str) -> bool:
        # Checked before any request object is made or the cache is asked.
        return not path.startswith(self.file_prefixes) and not self.cross_origin.match(path)

    @staticmethod
    def _applies(request) -> bool:
        return (
            carries_no_session(request)
            # Cases that a skipped middleware answers itself: the HTTPS redirect, the CSRF
            # secret kept in the session, a www. redirect, refused user agents.
            and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
            and not settings.CSRF_USE_SESSIONS
            and not settings.PREPEND_WWW
            and not settings.DISALLOWED_USER_AGENTS
            and page_cache.is_cacheable_request(request, session_checked=True)
        )
