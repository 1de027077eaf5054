"""Site navigation built from the page tree (see home.serving.chrome for the single query behind it)."""

from django import template

from home.serving.chrome import page_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    request = context.get("request")
    if request is None:
        return []
    return page_chrome(request, context.get("page"), context.get("chrome_section_model")).menu


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context.get("request")
    chrome = page_chrome(request, page, context.get("chrome_section_model")) if request else None
    return {"ancestors": chrome.ancestors if chrome else [], "page": page, "request": request}
