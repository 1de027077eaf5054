"""Warnings in the page editor for a product that is, or would go, live without stock."""

from django.contrib import messages

from catalogue.models import ProductPage


def sold_out_warning(page) -> str:
    """What to tell the editor about ``page``, or "" when it is not a product without stock."""
    product = page.specific_deferred
    if not isinstance(product, ProductPage) or product.stock > 0:
        return ""
    if product.live:
        return (
            f"“{product.title}” is live and sold out: shoppers see it but cannot buy it until stock is added."
        )
    return f"“{product.title}” has no stock: once published it will go live sold out."


def warn_if_sold_out(request, page) -> None:
    warning = sold_out_warning(page)
    if warning:
        messages.warning(request, warning)
