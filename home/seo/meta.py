"""What one page tells search engines and social networks: the data behind its head tags.

The head template (`includes/seo_head.html`) and the admin's search-result and
share-card previews all read `page_head()`, so a preview cannot show anything the
page's head does not say.
"""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.safestring import mark_safe

from home.models import SeoSettings
from home.seo.rules import OG_RENDITION, effective_description, page_own_og_image
from home.serving.page_cache import page_query_params

OG_TYPES = {"productpage": "product", "storypage": "article"}
LOGO_RENDITION = "max-400x400|format-png"

# Where search engines cut a result off (Google does it by pixel width: ~580-600 px for a
# title, ~920 px for a description on desktop). These character counts are the usual
# stand-ins for those widths; a snippet shorter than them shows whole.
SNIPPET_TITLE_CHARS = 60
SNIPPET_DESCRIPTION_CHARS = 158
# Open Graph cards: Facebook and LinkedIn show about two lines of title, X cuts
# twitter:title at 70 characters and twitter:description at 200.
CARD_TITLE_CHARS = 70
CARD_DESCRIPTION_CHARS = 200


@dataclass(frozen=True)
class PageHead:
    """Everything the head of a page says about it, as plain values."""

    title: str
    description: str
    canonical: str
    og_type: str
    og_image: str
    robots: str
    site_name: str
    twitter_site: str
    structured_data: list = field(default_factory=list)

    @property
    def domain(self) -> str:
        return urlsplit(self.canonical).hostname or ""

    @property
    def json_ld(self) -> str:
        return json_ld(self.structured_data) if self.structured_data else ""


def site_seo_settings(request):
    return SeoSettings.for_request(request) if request is not None else None


def page_title(page, settings) -> str:
    if page.seo_title:
        return page.seo_title
    return f"{page.title}{settings.title_suffix if settings else ''}"


def canonical_url(page, request) -> str:
    if page.canonical_url:
        return page.canonical_url
    url = page.get_full_url(request) or request.build_absolute_uri(page.url or request.path)
    # Only a paginated page type has pages of results; on others `?page=` is noise.
    raw_page = request.GET.get("page", "") if "page" in page_query_params(page) else ""
    # Filters and sorting collapse onto the plain URL; each results page keeps its own.
    if raw_page.isdecimal() and raw_page.isascii() and int(raw_page) > 1:
        url += f"?page={int(raw_page)}"
    return url


def json_ld(data) -> str:
    # "</script>" or "<!--" inside a title must not end the script block.
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S308


def head_pictures(page, request) -> list[tuple]:
    """The (image, rendition spec) pairs the head of ``page`` shows: its sharing image, and on the
    home page the Organization logo, so a page's loader can fetch their renditions with its own."""
    settings = site_seo_settings(request)
    pictures = []
    image = page_own_og_image(page) or (settings.default_og_image if settings else None)
    if image is not None:
        pictures.append((image, OG_RENDITION))
    if (
        page._meta.model_name == "homepage"
        and settings is not None
        and settings.organisation_logo is not None
    ):
        pictures.append((settings.organisation_logo, LOGO_RENDITION))
    return pictures


def home_structured_data(page, request, settings) -> list[dict]:
    """Organization (with its logo) and WebSite with a sitelinks SearchAction."""
    site_url = page.get_full_url(request) or request.build_absolute_uri("/")
    organisation = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": settings.organisation_name,
        "url": site_url,
    }
    logo = settings.organisation_logo
    if logo is not None:
        organisation["logo"] = request.build_absolute_uri(logo.get_rendition(LOGO_RENDITION).url)
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.organisation_name,
        "url": site_url,
        # Google's documented form: an EntryPoint with urlTemplate, and query-input naming
        # the placeholder (the PropertyValueSpecification shorthand).
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                # On the address the page was asked for (http and https are cached apart).
                "urlTemplate": request.build_absolute_uri(reverse("search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return [organisation, website]


def _credit_articles(items: list[dict], settings) -> list[dict]:
    """An Article without a named author is credited to the organisation, which also publishes it."""
    if settings is None:
        return items
    organisation = {"@type": "Organization", "name": settings.organisation_name}
    credited = []
    for item in items:
        if item.get("@type") == "Article":
            item = {**item, "publisher": organisation}
            item.setdefault("author", organisation)
        credited.append(item)
    return credited


def page_head(page, request, context=None) -> PageHead:
    """The head data of ``page`` as rendered for ``request``.

    ``context`` is the page's template context: filtered listings mark themselves
    ``is_refined`` (noindex), and page types put their JSON-LD under ``structured_data``.
    """
    context = context or {}
    settings = site_seo_settings(request)
    image = page_own_og_image(page) or (settings.default_og_image if settings else None)
    refined = bool(context.get("is_refined"))
    structured = list(context.get("structured_data") or [])
    if page._meta.model_name == "homepage" and settings is not None:
        structured = home_structured_data(page, request, settings) + structured
    return PageHead(
        title=page_title(page, settings),
        description=effective_description(
            page, default=settings.default_meta_description if settings else ""
        ),
        canonical=canonical_url(page, request),
        og_type=OG_TYPES.get(page._meta.model_name, "website"),
        og_image=request.build_absolute_uri(image.get_rendition(OG_RENDITION).url) if image else "",
        robots="noindex,follow" if page.noindex or refined else "",
        site_name=settings.organisation_name if settings else "",
        twitter_site=f"@{settings.twitter_handle}" if settings and settings.twitter_handle else "",
        structured_data=_credit_articles(structured, settings),
    )


def truncated(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis, as search results do."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def display_url(canonical: str) -> str:
    """A result's URL the way Google shows it: the host, then the path segments joined by ›."""
    parts = urlsplit(canonical)
    segments = [segment for segment in parts.path.split("/") if segment]
    return " › ".join([parts.hostname or "", *segments])


def rich_result_facts(structured_data: list) -> dict:
    """Price, availability and rating from the page's Product JSON-LD, as a result snippet shows them."""
    product = next((item for item in structured_data if item.get("@type") == "Product"), None)
    if product is None:
        return {}
    offer = product.get("offers") or {}
    rating = product.get("aggregateRating") or {}
    facts = {
        "price": offer.get("price", ""),
        "currency": offer.get("priceCurrency", ""),
        # "https://schema.org/InStock" reads "In stock".
        "availability": re.sub(
            r"(?<!^)([A-Z])", r" \1", offer.get("availability", "").rsplit("/", 1)[-1]
        ).capitalize(),
    }
    if rating:
        value = float(rating["ratingValue"])
        filled = round(value)
        facts.update(
            rating=rating["ratingValue"],
            review_count=rating["reviewCount"],
            stars="★" * filled + "☆" * (5 - filled),
        )
    return facts
