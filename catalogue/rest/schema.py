"""OpenAPI schema hooks: the schema describes the storefront API only.

Wagtail's API v2 and its admin API are DRF views too; they have schemas of their own
(or none), and are left out here.
"""

STOREFRONT_PREFIX = "/api/v1/"


def storefront_endpoints_only(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(STOREFRONT_PREFIX)]
