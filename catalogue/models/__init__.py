from .alerts import BackInStockSubscription
from .commerce import Cart, CartLine, Order, OrderLine, OrderStatusChange, OrderTaxLine, StockMovement
from .pages import CategoryPage, ProductGalleryImage, ProductPage, ProductRelatedProduct, ProductTag
from .payments import Payment
from .promotions import DiscountKind, Promotion, Voucher, VoucherRedemption
from .reviews import Review
from .snippets import Brand
from .stories import StoryIndexPage, StoryPage
from .variants import OPTION_DIMENSIONS, ProductVariant

__all__ = [
    "BackInStockSubscription",
    "Cart",
    "CartLine",
    "Order",
    "OrderLine",
    "OrderStatusChange",
    "Payment",
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
    "OPTION_DIMENSIONS",
    "ProductVariant",
]
