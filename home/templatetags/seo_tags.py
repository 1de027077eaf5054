"""Head tags for every page: title, description, canonical, robots, Open Graph, Twitter, JSON-LD.

The values come from `home.seo.meta.page_head`, which the admin's SEO previews read too.
"""

from django import template

from home.seo.meta import page_head, page_title, site_seo_settings

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_title(context) -> str:
    page = context.get("page")
    if page is None:
        return ""
    return page_title(page, site_seo_settings(context.get("request")))


@register.simple_tag(takes_context=True)
def title_suffix(context) -> str:
    settings = site_seo_settings(context.get("request"))
    return settings.title_suffix if settings else ""


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    if page is None:
        return {
            "canonical": request.build_absolute_uri(request.path),
            "robots": context.get("robots", ""),
        }
    return {"head": page_head(page, request, context)}
