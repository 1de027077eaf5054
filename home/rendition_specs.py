"""The renditions the page head renders, registered with home.renditions so they exist before a request."""

from django.apps import apps
from django.db.models import Q

from home.renditions import register_renditions
from home.seo.meta import LOGO_RENDITION
from home.seo.rules import OG_RENDITION


def _settings_images(field: str):
    from home.models import SeoSettings

    return SeoSettings.objects.filter(**{f"{field}__isnull": False}).values(field)


def _pages_sharing_images() -> Q:
    """Images chosen as a page's own sharing image, on any page type."""
    from home.pages.base import ShopPage

    page_types = [model for model in apps.get_models() if issubclass(model, ShopPage)]
    chosen = Q(pk__in=[])
    for model in page_types:
        chosen |= Q(pk__in=model.objects.filter(og_image__isnull=False).values("og_image"))
    return chosen


def register() -> None:
    """Called from HomeConfig.ready()."""
    register_renditions(
        "home.organisation_logo",
        [LOGO_RENDITION],
        images=lambda images: images.filter(pk__in=_settings_images("organisation_logo")),
    )
    register_renditions(
        "home.sharing_image",
        [OG_RENDITION],
        images=lambda images: images.filter(
            Q(pk__in=_settings_images("default_og_image")) | _pages_sharing_images()
        ),
    )
