"""Login throttling: too many failed sign-ins lock an account name, or an address, for a while.

Counts live in the cache (Redis in production, shared by every process). If the
cache is down the counters are lost and sign-in falls back to unthrottled: a
deliberate choice, since refusing every login during a cache outage would be worse.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def _keys(request, username: str) -> tuple[str, str]:
    name = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()[:32]
    return f"login-fail:user:{name}", f"login-fail:ip:{_client_ip(request)}"


def is_locked_out(request, username: str) -> bool:
    user_key, ip_key = _keys(request, username)
    counts = cache.get_many([user_key, ip_key])
    return (
        counts.get(user_key, 0) >= settings.LOGIN_THROTTLE_PER_ACCOUNT
        or counts.get(ip_key, 0) >= settings.LOGIN_THROTTLE_PER_ADDRESS
    )


def record_failure(request, username: str) -> None:
    for key in _keys(request, username):
        cache.add(key, 0, timeout=settings.LOGIN_THROTTLE_WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            # The key expired between add and incr: start a new window.
            cache.set(key, 1, timeout=settings.LOGIN_THROTTLE_WINDOW)


def clear_failures(request, username: str) -> None:
    cache.delete(_keys(request, username)[0])


LOCKED_OUT_MESSAGE = "Too many failed sign-in attempts. Please wait 15 minutes and try again."
