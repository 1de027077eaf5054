"""CSRF secrets for first-time visitors of cached pages, made with one call to the OS's random source.

Django makes a secret with 32 separate random choices, a tenth of a cached page's whole
cost; every visitor without a cookie needs one. This makes one of the same form (32
characters of ``CSRF_ALLOWED_CHARS``, which Django checks on every POST) from 32 random
bytes; Django still masks it into the token that goes in each form.
``home/tests/test_page_cache_fast_path.py`` POSTs with one, through Django's own check.
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

# Byte value -> allowed character. 256 is not a multiple of 62, so eight characters come
# up 5 times in 256 instead of 4: about 190 bits of entropy where Django's secret has 191.
_TO_ALLOWED = bytes.maketrans(
    bytes(range(256)), bytes(ord(CSRF_ALLOWED_CHARS[value % len(CSRF_ALLOWED_CHARS)]) for value in range(256))
)


def new_secret() -> str:
    return secrets.token_bytes(CSRF_SECRET_LENGTH).translate(_TO_ALLOWED).decode("ascii")
