"""OpenAPI schema hooks: the schema describes the storefront API only.

Wagtail's API v2 and its admin API are DRF views too; they have schemas of their own
(or none), and are left out here.
"""

STOREFRONT_PREFIX = "/api/v1/"


def storefront_endpoints_only(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(STOREFRONT_PREFIX)]


def closed_request_bodies(result, **kwargs):
    """Request bodies accept only their documented fields (StrictInputSerializer refuses others)."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result
