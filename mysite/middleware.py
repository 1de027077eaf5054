"""Request timing (every response says how long it took; slow requests are logged) and compression."""

import logging
import time

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from home.serving import timing

logger = logging.getLogger("mysite.slow_requests")


class RequestDurationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration = timing.stamp(response, started)
        if duration > settings.SLOW_REQUEST_SECONDS:
            logger.warning("Slow request: %s %s took %.2fs", request.method, request.path, duration)
        return response


# Media types worth compressing; images, archives, PDFs and video are compressed already.
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip, BREACH padding included, for text only.

    A document download or a streamed image would otherwise be deflated again on every
    request for nothing, and lose its Content-Length.
    """

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
