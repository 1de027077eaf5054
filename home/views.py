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
    content = cache.get(key)
    if content is None:
        rendered = wagtail_sitemap(request)
        content = rendered.render().content
        cache.set(key, content, SITEMAP_TTL)
    response = HttpResponse(content, content_type="application/xml")
    # As Django's sitemap view says it: the sitemap itself is not a page to index.
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
