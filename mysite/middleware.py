"""Request timing: every response says how long it took, and slow requests are logged."""

import logging
import time

from django.conf import settings

logger = logging.getLogger("mysite.slow_requests")


class RequestDurationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration = time.perf_counter() - started
        response["X-Request-Duration"] = f"{duration:.4f}"
        if duration > settings.SLOW_REQUEST_SECONDS:
            logger.warning("Slow request: %s %s took %.2fs", request.method, request.path, duration)
        return response
