"""The site's URLs plus one view cached with ``cached_view``, for home/tests/test_cached_view.py."""

from django.http import HttpResponse
from django.urls import path

from home.serving.content_cache import NAMESPACE_PREFIX
from home.serving.page_cache import cached_view, count_on_hit
from mysite.urls import urlpatterns as site_urlpatterns

RENDERS = []


@cached_view(query_params=("colour",), tags=(f"{NAMESPACE_PREFIX}swatches",), max_variants=2)
def swatch(request):
    colour = request.GET.get("colour", "none")
    RENDERS.append(colour)
    count_on_hit(request, "record_view", product_id=len(colour))
    html = f"<p>{colour} {request.GET.urlencode()}</p><span data-cart-count>0</span>"
    return HttpResponse(f"<!doctype html><title>Swatch</title>{html}")


urlpatterns = [path("swatch/", swatch), *site_urlpatterns]
