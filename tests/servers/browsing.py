"""A tiny cookie-keeping HTTP client for talking to the test servers like a browser without JavaScript."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@dataclass
class Response:
    status: int
    text: str
    headers: dict


class Visitor:
    """One visitor: their own cookies (session, CSRF), following redirects like a browser."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def _open(self, request) -> Response:
        try:
            with self.opener.open(request, timeout=30) as response:
                return Response(response.status, response.read().decode(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode(errors="replace"), dict(error.headers))

    def get(self, path: str) -> Response:
        return self._open(self.base_url + path)

    def post_form(self, path: str, data: dict, *, token_from: str | None = None) -> Response:
        """POST ``data`` with the CSRF token of the form on ``token_from`` (default: the same path)."""
        page = self.get(token_from or path)
        token = CSRF_FIELD.search(page.text)
        assert token, f"no CSRF token on {token_from or path} ({page.status})"
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)}, doseq=True).encode()
        return self._open(urllib.request.Request(self.base_url + path, data=body, method="POST"))
