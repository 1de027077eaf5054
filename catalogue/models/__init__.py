from .commerce import Cart, CartLine, Order, OrderLine, OrderStatusChange, StockMovement
from .pages import CategoryPage, ProductGalleryImage, ProductPage, ProductRelatedProduct, ProductTag
from .payments import Payment
from .reviews import Review
from .snippets import Brand
from .stories import StoryIndexPage, StoryPage
from .variants import OPTION_DIMENSIONS, ProductVariant

__all__ = [
    "Cart",
    "CartLine",
    "Order",
    "OrderLine",
    "OrderStatusChange",
    "Payment",
    "StockMovement",
    "Brand",
    "CategoryPage",
    "ProductGalleryImage",
    "ProductPage",
    "ProductRelatedProduct",
    "ProductTag",
    "Review",
    "StoryIndexPage",
    "StoryPage",
    "OPTION_DIMENSIONS",
    "ProductVariant",
]
