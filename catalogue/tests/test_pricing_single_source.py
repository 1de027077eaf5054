"""Nowhere but catalogue.pricing reads a product's price fields to show or charge a price.

The price, sale price and sale dates are read by the pricing service only; everything
else asks it (price_for, price_cart, the product_price tag). These tests read the code
and templates themselves, so a new surface that reads ``product.price`` directly fails
here before it can show a price that ignores a sale or a promotion.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("catalogue", "home", "search", "users", "mysite")
PRICE_FIELDS = {"price", "sale_price", "sale_starts_at", "sale_ends_at"}
# Shipping methods have a price of their own (a rate, not a product's price).
SHIPPING_NAMES = {"method"}


def python_sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts or parts[:2] == ("catalogue", "pricing"):
                continue
            if parts == ("catalogue", "shipping.py"):
                continue  # shipping rates: a method's price is not a product's
            yield path


def price_reads(source: str) -> list[int]:
    """Line numbers where ``something.price`` (or a sale field) is read, shipping methods aside."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Attribute) and node.attr in PRICE_FIELDS):
            continue
        if isinstance(node.ctx, ast.Store):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in SHIPPING_NAMES:
            continue
        lines.append(node.lineno)
    return lines


def test_no_module_outside_the_pricing_service_reads_a_products_price():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in python_sources()
        if (found := price_reads(path.read_text()))
    }
    assert offenders == {}


def test_the_guard_catches_a_direct_price_read():
    assert price_reads("total = line.product.price * line.quantity\n") == [1]
    assert price_reads("cost = method.price\nproduct.price = 5\n") == []


TEMPLATE_PRICE_READ = re.compile(r"\b(?!facts\b)\w+\.(?:price|sale_price|sale_starts_at|sale_ends_at)\b")


def test_no_template_reads_a_products_price_field():
    offenders = {}
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in {".html", ".txt", ".xml"}:
            found = TEMPLATE_PRICE_READ.findall(path.read_text())
            if found:
                offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}


def test_the_template_guard_catches_a_direct_price_read():
    assert TEMPLATE_PRICE_READ.search("{% money page.price %}")
    assert not TEMPLATE_PRICE_READ.search("{% money price.amount %}{{ facts.price }}")
