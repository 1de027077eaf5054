"""The default Site's address follows WAGTAILADMIN_BASE_URL while the site is a local one.

Absolute links (canonical URLs, og:url, the sitemap) are built from the Site's hostname
and port, which the first migration sets to ``localhost:80``: under ``make run`` every such
link then pointed at http://localhost/ while runserver served http://127.0.0.1:8000/.
A Site someone pointed at a real host name is never changed.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"}


def site_address_from_url(base_url: str) -> tuple[str, int]:
    """The hostname and port a URL such as ``http://127.0.0.1:8000`` names."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{base_url!r} is not an http(s) URL with a host name")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def default_site_follow_base_url(base_url: str | None = None) -> Site | None:
    """Point the default Site at ``base_url`` (WAGTAILADMIN_BASE_URL) if it is still local.

    Returns the Site when it changed, None when it already matched or is a real host's.
    """
    hostname, port = site_address_from_url(base_url or settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.hostname not in LOOPBACK_HOSTS or (site.hostname, site.port) == (hostname, port):
        return None
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return site
