"""One error shape for every failure of the API, so clients parse a single thing.

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"quantity": ["..."]}}}

``fields`` is present only for invalid input. Domain errors (CartError, OrderError, ...)
are shown with the same message the HTML shop flashes.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from catalogue.services.errors import ShopError
from catalogue.services.reviews import ReviewError


class ShopRefusal(exceptions.APIException):
    """A business rule said no (out of stock, empty cart...): 409 Conflict with the service's message."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "refused"


def refusal(error: Exception) -> ShopRefusal:
    return ShopRefusal(detail=str(error))


def _first_message(detail) -> str:
    if isinstance(detail, dict):
        for value in detail.values():
            return _first_message(value)
        return "Invalid input."
    if isinstance(detail, list):
        return _first_message(detail[0]) if detail else "Invalid input."
    return str(detail)


def _fields(detail) -> dict:
    if isinstance(detail, dict):
        return {name: [str(message) for message in _flatten(value)] for name, value in detail.items()}
    return {"non_field_errors": [str(message) for message in _flatten(detail)]}


def _flatten(value):
    if isinstance(value, dict):
        for inner in value.values():
            yield from _flatten(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _flatten(inner)
    else:
        yield value


# The views whose errors take this shape; Wagtail's API v2 and admin API keep their own.
STOREFRONT_MODULES = ("catalogue.rest.", "search.rest", "users.rest")


def api_exception_handler(exc, context):
    view = context.get("view")
    if view is not None and not type(view).__module__.startswith(STOREFRONT_MODULES):
        return exception_handler(exc, context)
    if isinstance(exc, (ShopError, ReviewError)):
        exc = refusal(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: Django's 500 handling, logged
    body = {"status": response.status_code, "code": _code(exc), "message": _first_message(exc.detail)}
    if isinstance(exc, exceptions.ValidationError):
        body["message"] = "Invalid input."
        body["fields"] = _fields(exc.detail)
    response.data = {"error": body}
    return response


def _code(exc) -> str:
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    while isinstance(codes, (list, dict)):
        codes = next(iter(codes.values()), "error") if isinstance(codes, dict) else (codes or ["error"])[0]
    return str(codes)


def error_response(status_code: int, code: str, message: str) -> Response:
    return Response({"error": {"status": status_code, "code": code, "message": message}}, status=status_code)


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField(
        help_text="Stable machine-readable code, e.g. invalid, not_found, throttled."
    )
    message = serializers.CharField(help_text="A sentence fit to show the shopper.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Per-field messages, for invalid input only.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()
