"""Page serving after a page-cache miss: the site (read with what every page reads about it,
home.serving.site_reads), routing by URL path in two queries, then storing the render.

Wagtail's `serve` view reuses a route already stored on the request, so this
view finds the page by its `url_path`, stores the result where Wagtail looks
for it, and hands over to Wagtail for everything else (view restrictions,
hooks, preview, 404s).  Anything not found this way — an unpublished page, a
path with extra routable components — falls through to Wagtail's own routing.
"""

from django.http import Http404
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from home.serving import hooks as serving_hooks
from home.serving import page_cache
from home.serving.site_reads import read_site


def route_by_url_path(request, path: str) -> RouteResult | None:
    site = read_site(request)
    if site is None:
        return None
    root = next((root for root in Site.get_site_root_paths() if root.site_id == site.pk), None)
    if root is None:
        return None
    components = [component for component in path.split("/") if component]
    url_path = root.root_path + "/".join(components) + ("/" if components else "")
    match = Page.objects.filter(url_path=url_path).only("id", "content_type_id", "live").first()
    if match is None or not match.live:
        return None
    model = match.specific_class
    if model is None:
        return None
    manager = model._default_manager
    related = getattr(model, "route_select_related", ())
    page = (manager.select_related(*related) if related else manager).get(pk=match.pk)
    try:
        return page.route(request, [])
    except Http404:
        return None


def serve(request, path):
    # PageCacheMiddleware has answered any hit already; after a miss it left the
    # content generation it saw on the request, and what is rendered now is stored.
    cacheable = hasattr(request, "_page_cache_generation")
    if not hasattr(request, "_wagtail_route_for_request"):
        route = route_by_url_path(request, path)
        if route is not None:
            request._wagtail_route_for_request = route
            if cacheable:
                page_cache.keep_only_read_params(request, route[0])
    response = wagtail_serve(request, path)

    route = getattr(request, "_wagtail_route_for_request", None)
    page = route[0] if route else None
    if page is not None and getattr(page, "counts_views", False) and response.status_code == 200:
        serving_hooks.record_view(page.pk)
    if cacheable:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        page_cache.store(request, response, page)
    return response
