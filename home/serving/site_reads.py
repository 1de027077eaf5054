"""What every page reads about its site, in one query: the site, every site's root path, the SEO
settings with their two pictures, and whatever other app registered a read to ride along.

Without it a cold page asks three times (Wagtail's ``Site.find_for_request`` and
``Site.get_site_root_paths``, then ``SeoSettings.for_request``), and the pricing service a
fourth time for the live promotions. Sites are a handful of rows, so one query over all of
them, joined to their root page, its locale and their SEO settings, answers the first three;
an app's rider is a scalar subquery annotated onto that query (``ride_with_site``), asked
for only while the app has nothing cached, so a warm process pays nothing for it.

The results go exactly where Wagtail would have put them: the site where
``Site.find_for_request`` keeps it on the request, the root paths in Wagtail's own cache key
(added, never overwritten), the settings where ``BaseSiteSetting.for_request`` keeps them.
Their invalidation is Wagtail's, unchanged.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost, ObjectDoesNotExist
from django.db.models import Expression
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION, SiteRootPath

# How long Wagtail keeps the root paths (wagtail.models.sites.Site.get_site_root_paths).
ROOT_PATHS_SECONDS = 3600


@dataclass(frozen=True)
class Ride:
    """One read riding on the site query: a scalar expression, and what to do with its value."""

    expression: Expression
    receive: Callable[[Any], None]


# name -> a callable returning a Ride, or None when the app has what it needs already.
_riders: dict[str, Callable[[], Ride | None]] = {}


def ride_with_site(name: str, rider: Callable[[], Ride | None]) -> None:
    """Register (from an AppConfig.ready) a read every page needs, to be made with the site's."""
    _riders[name] = rider


def _match(sites: list, hostname: str, port: int):
    """The site Wagtail's ``get_site_for_hostname`` picks, from every site's row."""
    ranked = []
    for site in sites:
        if site.hostname == hostname and site.port == port:
            rank = 0
        elif site.hostname == hostname and site.is_default_site:
            rank = 1
        elif site.is_default_site:
            rank = 2
        elif site.hostname == hostname:
            rank = 3
        else:
            continue
        ranked.append((rank, site))
    if not ranked:
        return None
    ranked.sort(key=lambda pair: pair[0])
    best_rank, best = ranked[0]
    if len(ranked) == 1 or best_rank in (0, 1):
        return best
    if best_rank == 2:
        # The default site under another host name: a single site of this host name wins instead.
        return ranked[1][1] if len(ranked) == 2 else best
    return None  # only sites of this host name on other ports, and no default: Wagtail finds none


def _root_paths(sites: list) -> list[SiteRootPath]:
    ordered = sorted(sites, key=lambda site: site.hostname)
    ordered.sort(key=lambda site: (site.root_page.url_path, site.is_default_site), reverse=True)
    return [
        SiteRootPath(site.pk, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
        for site in ordered
    ]


def read_site(request) -> Site | None:
    """The request's site, read once together with the root paths, SEO settings and riders.

    Later calls (and Wagtail's own ``Site.find_for_request``) reuse what the first left.
    A request whose host Django refuses is left to Wagtail.
    """
    from home.models import SeoSettings

    if getattr(request, "_shop_site_read", False):
        return Site.find_for_request(request)
    request._shop_site_read = True
    try:
        hostname, port = split_domain_port(request.get_host())[0], int(request.get_port())
    except (DisallowedHost, ValueError):
        return Site.find_for_request(request)
    rides = {name: ride for name, rider in _riders.items() if (ride := rider()) is not None}
    sites = list(
        Site.objects.select_related(
            "root_page__locale", "seosettings__default_og_image", "seosettings__organisation_logo"
        ).annotate(**{f"ride_{name}": ride.expression for name, ride in rides.items()})
    )
    for name, ride in rides.items():
        if sites:  # every row carries the same value; with no site, the rider reads for itself later
            ride.receive(getattr(sites[0], f"ride_{name}"))
    site = _match(sites, hostname, port)
    # Where Site.find_for_request keeps the request's site (its docstring names the attribute).
    request._wagtail_site = site
    if sites and not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        # add, not set: a value already there is Wagtail's, and Wagtail clears it on change.
        cache.add(
            SITE_ROOT_PATHS_CACHE_KEY,
            [tuple(root) for root in _root_paths(sites)],
            ROOT_PATHS_SECONDS,
            version=SITE_ROOT_PATHS_CACHE_VERSION,
        )
    if site is not None:
        try:
            seo = site.seosettings
        except ObjectDoesNotExist:
            seo = None  # made by SeoSettings.for_request on its first read, once in a shop's life
        if seo is not None:
            setattr(request, SeoSettings.get_cache_attr_name(), seo)
    return site
