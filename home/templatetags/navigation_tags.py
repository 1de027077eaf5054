"""Site navigation built from the page tree."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """Live top-level pages marked 'show in menus', in tree order: one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors(inclusive=False).filter(depth__gt=1).specific(defer=True)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
