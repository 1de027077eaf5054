"""Login throttling that slows guessing without letting a stranger lock an owner out.

Failed sign-ins are counted, for ``LOGIN_THROTTLE_WINDOW`` seconds, three ways:

- **the pair** (account name and client address together): ``LOGIN_THROTTLE_PER_PAIR``
  failures refuse that account *from that address*, even with the right password.
  This stops one address guessing one account, and only the guesser waits.
- **the address**, over every account: ``LOGIN_THROTTLE_PER_ADDRESS`` failures refuse
  that address. This stops one address spraying many accounts.
- **the account**, from every address: this never refuses anyone by itself. Once it
  reaches ``LOGIN_THROTTLE_ACCOUNT_UNDER_ATTACK`` the account counts as under attack
  and each pair's allowance shrinks to ``LOGIN_THROTTLE_PER_PAIR_UNDER_ATTACK`` (never
  below one), so many addresses guessing one account get fewer guesses each, while the
  owner's own address keeps its own allowance (docs/decisions.md, "Login throttling").

A success clears only its own pair: an attacker who owns one account must not be able
to reset an address's count by signing in to it between guesses.

Counts live in the cache (Redis in production, shared by every process). If the
cache is down the counters are lost and sign-in falls back to unthrottled, with a
warning logged for each failure that could not be counted: refusing every login
during a cache outage would be worse.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

from home.client_address import client_address

logger = logging.getLogger(__name__)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _keys(request, username: str) -> tuple[str, str, str]:
    """The pair, address and account keys, in that order."""
    name = (username or "").strip().lower()
    address = client_address(request)
    pair = _digest(f"{name} {address}")  # an address holds no space: one way to split
    return (
        f"login-fail:pair:{pair}",
        f"login-fail:addr:{address}",
        f"login-fail:account:{_digest(name)}",
    )


def pair_allowance(account_failures: int) -> int:
    """Failures one address may make at one account, given the account's failures from everywhere."""
    if account_failures >= settings.LOGIN_THROTTLE_ACCOUNT_UNDER_ATTACK:
        return max(1, min(settings.LOGIN_THROTTLE_PER_PAIR, settings.LOGIN_THROTTLE_PER_PAIR_UNDER_ATTACK))
    return settings.LOGIN_THROTTLE_PER_PAIR


def is_locked_out(request, username: str) -> bool:
    pair_key, address_key, account_key = _keys(request, username)
    # Read only: a failed django-redis get_many returns one shared dict.
    counts = cache.get_many([pair_key, address_key, account_key])
    return (
        counts.get(pair_key, 0) >= pair_allowance(counts.get(account_key, 0))
        or counts.get(address_key, 0) >= settings.LOGIN_THROTTLE_PER_ADDRESS
    )


def _count(key: str) -> int | None:
    """Add one to a counter that lives for the window; None when the cache did not answer."""
    window = settings.LOGIN_THROTTLE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add and incr: start a new window.
        cache.set(key, 1, timeout=window)
        return 1


def record_failure(request, username: str) -> None:
    counted = [_count(key) for key in _keys(request, username)]
    if None in counted:
        logger.warning(
            "Sign-in throttle is off: the cache did not count a failed sign-in from %s",
            client_address(request),
        )


def clear_failures(request, username: str) -> None:
    cache.delete(_keys(request, username)[0])


def locked_out_message() -> str:
    minutes = max(1, round(settings.LOGIN_THROTTLE_WINDOW / 60))
    return ngettext(
        "Too many failed sign-in attempts. Please wait %(minutes)d minute and try again.",
        "Too many failed sign-in attempts. Please wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}
