"""Head tags for every page: title, description, canonical, robots, Open Graph, Twitter, JSON-LD."""

import json

from django import template
from django.utils.safestring import mark_safe

from home.models import SeoSettings
from home.page_cache import page_query_params
from home.seo import OG_RENDITION, effective_description, page_own_og_image

register = template.Library()

OG_TYPES = {"productpage": "product", "storypage": "article"}


def _settings(request):
    return SeoSettings.for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def seo_title(context) -> str:
    page = context.get("page")
    if page is None:
        return ""
    if page.seo_title:
        return page.seo_title
    settings = _settings(context.get("request"))
    return f"{page.title}{settings.title_suffix if settings else ''}"


@register.simple_tag(takes_context=True)
def title_suffix(context) -> str:
    settings = _settings(context.get("request"))
    return settings.title_suffix if settings else ""


def canonical_url(page, request) -> str:
    if page.canonical_url:
        return page.canonical_url
    url = page.get_full_url(request) or request.build_absolute_uri(page.url)
    # Only a paginated page type has pages of results; on others `?page=` is noise.
    raw_page = request.GET.get("page", "") if "page" in page_query_params(page) else ""
    # Filters and sorting collapse onto the plain URL; each results page keeps its own.
    if raw_page.isdecimal() and raw_page.isascii() and int(raw_page) > 1:
        url += f"?page={int(raw_page)}"
    return url


def json_ld(data) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))  # noqa: S308


def home_structured_data(page, request, settings, logo_url) -> str:
    site_url = page.get_full_url(request)
    organisation = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": settings.organisation_name,
    }
    organisation["url"] = site_url
    if logo_url:
        organisation["logo"] = logo_url
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.organisation_name,
        "url": site_url,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": request.build_absolute_uri("/search/") + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return json_ld([organisation, website])


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    page = context.get("page")
    settings = _settings(request)
    data = {"request": request, "robots": "", "settings": settings}
    if request is None:
        return data
    if page is None:
        data["canonical"] = request.build_absolute_uri(request.path)
        data["robots"] = context.get("robots", "")
        return data

    image = page_own_og_image(page) or (settings.default_og_image if settings else None)
    data.update(
        {
            "page": page,
            "title": seo_title(context),
            "description": effective_description(
                page, default=settings.default_meta_description if settings else ""
            ),
            "canonical": canonical_url(page, request),
            "og_type": OG_TYPES.get(page._meta.model_name, "website"),
            "og_image": request.build_absolute_uri(image.get_rendition(OG_RENDITION).url) if image else "",
            "robots": "noindex,follow" if page.noindex or context.get("is_refined") else "",
        }
    )
    if page._meta.model_name == "homepage" and settings is not None:
        logo = settings.organisation_logo
        logo_url = (
            request.build_absolute_uri(logo.get_rendition("max-400x400|format-png").url) if logo else ""
        )
        data["structured_data"] = home_structured_data(page, request, settings, logo_url)
    return data
