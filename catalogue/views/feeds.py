"""The product feed's endpoint: streamed, so a big catalogue never sits in memory whole."""

from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from catalogue.feeds import ProductFeed

FEED_CONTENT_TYPE = "application/rss+xml; charset=utf-8"


@require_safe
def product_feed(request):
    if request.method == "HEAD":
        # Headers only: building 100,000 items for nobody to read would be waste.
        response = HttpResponse(content_type=FEED_CONTENT_TYPE)
    else:
        response = StreamingHttpResponse(ProductFeed(request), content_type=FEED_CONTENT_TYPE)
    # For shopping feeds, not for search results.
    response["X-Robots-Tag"] = "noindex"
    return response
