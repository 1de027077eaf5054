"""What a shelf of stock says to shoppers: shared by a product and each of its variants."""

from django.conf import settings


def stock_state_for(stock: int) -> str:
    """``in_stock``, ``low_stock`` or ``out_of_stock``: what a badge says about a shelf."""
    if stock <= 0:
        return "out_of_stock"
    if stock <= settings.SHOP_LOW_STOCK_THRESHOLD:
        return "low_stock"
    return "in_stock"


class Shelf:
    """Read-only views of a model's ``stock`` field (a product, a variant)."""

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    @property
    def stock_state(self) -> str:
        return stock_state_for(self.stock)

    @property
    def orderable_quantity(self) -> int:
        """The most a shopper can put in the cart at once: what is on the shelf, up to the line limit."""
        return max(0, min(self.stock, settings.SHOP_MAX_LINE_QUANTITY))

    @property
    def schema_availability(self) -> str:
        return "https://schema.org/InStock" if self.in_stock else "https://schema.org/OutOfStock"
