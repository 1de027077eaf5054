"""Rate limits on writes, per signed-in user (or guest address) and per address.

Counts use home.client_address, which reads X-Forwarded-For only behind
TRUSTED_PROXY_COUNT trusted proxies, so a client cannot pick its own address. Sign-in
failures are additionally governed by users.throttle's pair/address/account rules,
under which a stranger cannot lock an owner out; the rate here only caps one address.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from home.client_address import client_address


class ScopedWriteThrottle(SimpleRateThrottle):
    """Counts only unsafe methods: reading a cart or the catalogue is never throttled."""

    scope = ""
    per = "user"  # "user": the signed-in user, else the address; "address": always the address

    def get_rate(self):
        # Read per request, not at import, so the rates follow settings (and tests' overrides).
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if self.per == "user" and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"addr:{client_address(request)}"
        return f"api-throttle:{self.scope}:{self.per}:{ident}"


def throttles_for(scope: str) -> list[type[ScopedWriteThrottle]]:
    """The two throttles of a scope: per user (guests by address) and per address."""
    return [
        type(f"{scope}_per_user", (ScopedWriteThrottle,), {"scope": scope, "per": "user"}),
        type(f"{scope}_per_address", (ScopedWriteThrottle,), {"scope": scope, "per": "address"}),
    ]
