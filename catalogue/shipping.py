"""Shipping methods and their rates, from settings.SHOP_SHIPPING_METHODS."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings


@dataclass(frozen=True)
class ShippingMethod:
    code: str
    label: str
    price: Decimal
    free_over: Decimal | None

    def cost_for(self, subtotal: Decimal) -> Decimal:
        if self.free_over is not None and subtotal >= self.free_over:
            return Decimal("0.00")
        return self.price


@dataclass(frozen=True)
class ShippingQuote:
    """What one method costs for a cart, and the order total it would make."""

    method: ShippingMethod
    cost: Decimal
    total: Decimal


def shipping_methods() -> dict[str, ShippingMethod]:
    return {
        code: ShippingMethod(
            code=code,
            label=config["label"],
            price=Decimal(config["price"]),
            free_over=Decimal(config["free_over"]) if config.get("free_over") else None,
        )
        for code, config in settings.SHOP_SHIPPING_METHODS.items()
    }


def shipping_quotes(subtotal: Decimal) -> list[ShippingQuote]:
    """Every method's cost and total for this subtotal, in the settings' order."""
    quotes = []
    for method in shipping_methods().values():
        cost = method.cost_for(subtotal)
        quotes.append(ShippingQuote(method=method, cost=cost, total=subtotal + cost))
    return quotes
