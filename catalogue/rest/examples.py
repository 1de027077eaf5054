"""Request and response examples shown in the OpenAPI schema and /api/docs/."""

from drf_spectacular.utils import OpenApiExample

BRAND = {"id": 3, "name": "Acme Steel", "slug": "acme-steel"}
IMAGE = {
    "url": "https://shop.example.com/media/images/knife.fill-400x400.jpg",
    "width": 400,
    "height": 400,
    "alt": "Chef knife",
}
PRODUCT = {
    "id": 42,
    "title": "Chef knife 20 cm",
    "slug": "chef-knife-20-cm",
    "url": "/kitchen/knives/chef-knife-20-cm/",
    "sku": "KN-020",
    "price": "49.90",
    "regular_price": "59.90",
    "price_valid_until": "2026-12-31T23:59:00Z",
    "currency": "EUR",
    "in_stock": True,
    "stock_state": "in_stock",
    "orderable_quantity": 20,
    "has_variants": False,
    "price_from": "49.90",
    "brand": BRAND,
    "image": IMAGE,
    "rating": {"average": 4.5, "count": 12},
}
PRODUCT_DETAIL = {
    **PRODUCT,
    "short_description": "A forged all-rounder with a full tang.",
    "category": {"id": 7, "title": "Knives", "slug": "knives"},
    "tags": ["forged", "steel"],
    "gallery": [{**IMAGE, "width": 800, "height": 800, "caption": "Blade detail"}],
    "variants": [],
}
CART = {
    "token": "eyJjYXJ0IjoxMn0:1uYx2Q:abc123",
    "lines": [
        {"product": PRODUCT, "variant": None, "quantity": 2, "unit_price": "49.90", "line_total": "99.80"}
    ],
    "item_count": 2,
    "subtotal": "99.80",
    "currency": "EUR",
}
ORDER = {
    "reference": "0b7c1e9e-8f5a-4c55-9d55-3b4fb7a1f0de",
    "number": "WS26-000123",
    "status": "pending",
    "created_at": "2026-12-05T16:00:00Z",
    "email": "ann@example.com",
    "full_name": "Ann Baker",
    "shipping_method": "standard",
    "payment_method": "invoice",
    "subtotal": "99.80",
    "discount_total": "9.98",
    "voucher_code": "SAVE10",
    "shipping_cost": "0.00",
    "tax_total": "16.80",
    "prices_include_tax": True,
    "tax_lines": [
        {
            "label": "Standard rate VAT",
            "rate": "23.00",
            "base": "73.02",
            "amount": "16.80",
            "on_shipping": False,
        },
    ],
    "total": "89.82",
    "currency": "EUR",
    "lines": [
        {
            "product_id": 42,
            "variant_id": None,
            "product_title": "Chef knife 20 cm",
            "options": "",
            "sku": "KN-020",
            "unit_price": "49.90",
            "quantity": 2,
            "line_total": "99.80",
        }
    ],
}


def page_of(item) -> dict:
    return {"count": 1, "page": 1, "page_size": 24, "pages": 1, "results": [item]}


def error(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    body = {"status": status, "code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


def response(name: str, value, status: int = 200) -> OpenApiExample:
    return OpenApiExample(name, value=value, response_only=True, status_codes=[str(status)])


def request(name: str, value) -> OpenApiExample:
    return OpenApiExample(name, value=value, request_only=True)


NOT_FOUND = response("Not found", error(404, "not_found", "Not found."), 404)
INVALID_PARAMETER = response(
    "Invalid parameter",
    error(
        400, "invalid", "Invalid input.", {"page_size": ["Ensure this value is less than or equal to 100."]}
    ),
    400,
)
THROTTLED = response(
    "Throttled", error(429, "throttled", "Request was throttled. Expected available in 42 seconds."), 429
)
NOT_SIGNED_IN = response(
    "Not signed in", error(401, "not_authenticated", "Authentication credentials were not provided."), 401
)
