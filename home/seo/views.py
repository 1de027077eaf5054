"""Crawler-facing endpoints: the sitemap (cached per content generation, see home.seo.sitemaps) and robots.txt."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from home.seo import sitemaps

ROBOTS_DISALLOW = ["/admin/", "/search/", "/cart/", "/checkout/", "/accounts/", "/catalogue/", "/api/"]


def _xml(response):
    response["Content-Type"] = "application/xml"
    # As Django's sitemap view says it: the sitemap itself is not a page to index.
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
def sitemap(request):
    """The one sitemap file while the site fits in one, else the index of them all."""
    site = sitemaps.sitemap_site(request)
    files = sitemaps.file_count(request, site)
    if files == 1:
        return _xml(StreamingHttpResponse(sitemaps.urlset(request, site, 1)))
    index = sitemaps.sitemap_index(site, files, lambda number: reverse("sitemap_file", args=[number]))
    return _xml(HttpResponse(index))


@require_safe
def sitemap_file(request, number: int):
    site = sitemaps.sitemap_site(request)
    if not 1 <= number <= sitemaps.file_count(request, site):
        raise Http404("No such sitemap file.")
    return _xml(StreamingHttpResponse(sitemaps.urlset(request, site, number)))


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
