"""The address a request comes from, as rate limits count it (login throttling, the API's throttles).

Only proxies the site trusts may name the client: see ``client_address``.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# One host is usually given a whole IPv6 /64, so it counts as one address.
IPV6_PREFIX = 64


def client_address(request: HttpRequest | None) -> str:
    """The address a sign-in comes from, as the throttle counts it.

    ``REMOTE_ADDR`` is the peer that connected to gunicorn. Behind
    ``TRUSTED_PROXY_COUNT`` proxies that each append to ``X-Forwarded-For``, the client
    is that many entries from the right; anything further left was written by the
    client and is ignored. With no trusted proxy, ``X-Forwarded-For`` is never read.
    """
    if request is None:
        return "unknown"
    raw = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            raw = forwarded[-hops]
    return _address_group(raw)


def _address_group(raw: str) -> str:
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)
