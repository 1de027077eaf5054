"""CSRF secrets, masked tokens and the CSRF cookie for cached pages, made without Django's per-character work.

Django makes a secret with 32 separate random choices, and masks it into every form's token
with 32 more (``get_token``): on a page-cache hit that was 0.06 ms of a 0.14 ms hit. Here:

- ``new_secret`` makes a first-time visitor's secret (32 characters of ``CSRF_ALLOWED_CHARS``,
  which Django checks on every POST) from 32 random bytes.
- ``masked_token`` masks a secret into a form token in the format Django's
  ``CsrfViewMiddleware`` unmasks on a POST: a fresh random mask of 32 allowed characters,
  then the cipher, where ``cipher[i] = chars[(index(secret[i]) + index(mask[i])) % 62]``. The
  mask is new on every call (BREACH: no two responses carry the same token bytes).
  That format is private to Django (``_mask_cipher_secret``); ``mysite/tests/test_private_fences.py``
  unmasks our tokens with Django's own ``_unmask_cipher_token`` and POSTs them through its
  middleware, so an upgrade that changes it fails there.

- ``CookieSetter`` sets the CSRF cookie as Django's middleware does, from a cookie that
  middleware made (once a second), with the visitor's secret put in.

``home/tests/test_page_cache_fast_path.py`` POSTs with these, through Django's own check,
and compares the cookie with Django's.
"""

import secrets
import time
from http.cookies import Morsel

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware, get_token

_CHARS = CSRF_ALLOWED_CHARS.encode("ascii")
_SIZE = len(_CHARS)
# Byte value -> allowed character (value mod 62). 256 is not a multiple of 62, so eight
# characters come up 5 times in 256 instead of 4: about 190 bits of entropy where Django's
# secret has 191. It also turns an index, or the sum of two (at most 122), into its character.
_TO_CHAR = bytes.maketrans(bytes(range(256)), bytes(_CHARS[value % _SIZE] for value in range(256)))
# Byte value -> an index into the alphabet (0-61), with the same slight skew: the mask only
# has to differ between responses, it hides nothing (the token carries it in the clear).
_TO_INDEX = bytes.maketrans(bytes(range(256)), bytes(value % _SIZE for value in range(256)))
# Allowed character -> its index; every other byte -> 255, which ``masked_token`` refuses.
_CHAR_INDEX = bytes.maketrans(
    bytes(range(256)), bytes(_CHARS.index(value) if value in _CHARS else 255 for value in range(256))
)


def new_secret() -> str:
    return secrets.token_bytes(CSRF_SECRET_LENGTH).translate(_TO_CHAR).decode("ascii")


def masked_token(secret: str) -> bytes:
    """A form token for ``secret`` under a fresh random mask, as ASCII bytes (64 characters).

    The 32 additions are one addition of two 256-bit integers: each byte holds an index
    below 62, so no byte's sum (at most 122) carries into the next.
    """
    indices = secret.encode("ascii").translate(_CHAR_INDEX)
    if len(indices) != CSRF_SECRET_LENGTH or max(indices) >= _SIZE:
        raise ValueError("Not a CSRF secret.")
    mask = secrets.token_bytes(CSRF_SECRET_LENGTH).translate(_TO_INDEX)
    sums = int.from_bytes(mask, "big") + int.from_bytes(indices, "big")
    return (mask + sums.to_bytes(CSRF_SECRET_LENGTH, "big")).translate(_TO_CHAR)


class CookieSetter:
    """Sets the CSRF cookie on a response exactly as ``CsrfViewMiddleware`` does, for a fraction of the cost.

    Django's middleware makes the cookie itself once a second (its ``expires`` is a date
    to the second), for a placeholder secret; each response gets a copy of that cookie
    with the visitor's secret in it. A change to a ``CSRF_COOKIE_*`` setting (tests) makes
    it again at once.
    """

    def __init__(self, csrf_middleware: CsrfViewMiddleware):
        self.csrf_middleware = csrf_middleware
        self._made_for = None
        self._cookie = None

    def set_cookie(self, request, response) -> None:
        made_for = (int(time.time()), _settings_changes)
        if made_for != self._made_for:
            self._cookie = self._djangos_cookie()
            self._made_for = made_for
        secret = request.META["CSRF_COOKIE"]
        cookie = self._cookie.copy()
        # A secret is letters and digits: nothing to quote.
        cookie.set(cookie.key, secret, secret)
        response.cookies[cookie.key] = cookie

    def _djangos_cookie(self) -> Morsel:
        probe = HttpRequest()
        probe.META["CSRF_COOKIE"] = new_secret()
        get_token(probe)  # what a page with a form does: the cookie is to be sent
        return self.csrf_middleware.process_response(probe, HttpResponse()).cookies[settings.CSRF_COOKIE_NAME]


_settings_changes = 0


@receiver(setting_changed)
def _cookie_settings_changed(*, setting, **kwargs) -> None:
    global _settings_changes
    if setting.startswith("CSRF_COOKIE"):
        _settings_changes += 1
