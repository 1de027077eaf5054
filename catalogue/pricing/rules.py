"""The sale rules a product's own fields must keep (checked when the page form is saved)."""

from django.core.exceptions import ValidationError


def validate_sale(product) -> None:
    errors = {}
    sale = product.sale_price
    if sale is not None:
        if sale <= 0:
            errors["sale_price"] = "A sale price must be more than zero."
        elif product.price is not None and sale >= product.price:
            errors["sale_price"] = "A sale price must be lower than the price."
    elif product.sale_starts_at or product.sale_ends_at:
        errors["sale_price"] = "Set the sale price, or clear the sale dates."
    starts, ends = product.sale_starts_at, product.sale_ends_at
    if starts and ends and ends <= starts:
        errors["sale_ends_at"] = "The sale must end after it starts."
    if errors:
        raise ValidationError(errors)


def sale_running(product, at) -> bool:
    """Whether the product's sale price applies at ``at``."""
    if product.sale_price is None:
        return False
    starts, ends = product.sale_starts_at, product.sale_ends_at
    return (starts is None or starts <= at) and (ends is None or at < ends)
