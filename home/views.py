"""Crawler-facing endpoints: the sitemap (cached per content generation) and robots.txt."""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from home.content_cache import generation_key

SITEMAP_TTL = 60 * 60
ROBOTS_DISALLOW = ["/admin/", "/search/", "/cart/", "/checkout/", "/accounts/", "/catalogue/", "/api/"]


@require_safe
def sitemap(request):
    key = generation_key("sitemap", request.get_host())
    cached = cache.get(key)
    if cached is not None:
        return HttpResponse(cached, content_type="application/xml")
    response = wagtail_sitemap(request)
    response.render()
    cache.set(key, response.content, SITEMAP_TTL)
    return response


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
