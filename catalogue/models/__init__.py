from .commerce import Cart, CartLine, Order, OrderLine, OrderStatusChange, OrderTaxLine, StockMovement
from .pages import CategoryPage, ProductGalleryImage, ProductPage, ProductRelatedProduct, ProductTag
from .promotions import DiscountKind, Promotion, Voucher, VoucherRedemption
from .reviews import Review
from .snippets import Brand
from .stories import StoryIndexPage, StoryPage

__all__ = [
    "Cart",
    "CartLine",
    "Order",
    "OrderLine",
    "OrderStatusChange",
    "OrderTaxLine",
    "DiscountKind",
    "Promotion",
    "Voucher",
    "VoucherRedemption",
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
]
