"""GET /healthz: is the database reachable, and is the cache working or degraded."""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return "error"
    return "ok"


def cache_status() -> str:
    # The Redis cache swallows connection errors, so only a round trip tells
    # whether it really works.
    probe_key, probe_value = "healthz-probe", uuid.uuid4().hex
    cache.set(probe_key, probe_value, timeout=10)
    return "ok" if cache.get(probe_key) == probe_value else "degraded"


@never_cache
def healthz(request):
    checks = {"database": database_status(), "cache": cache_status()}
    healthy = checks["database"] == "ok"
    body = {"status": "ok" if healthy else "error", **checks}
    if checks["cache"] != "ok" and healthy:
        body["status"] = "degraded"
    return JsonResponse(body, status=200 if healthy else 503)
