"""The shop's one pricing service: every price shown or charged comes from here.

``price_for`` prices one unit of a product (or a variant of it) at a moment: its
regular price, a running sale, or the best live promotion, whichever is lowest.
``price_cart`` prices a cart: lines, voucher discount, shipping, tax lines and total.
Cards, product pages, the cart, checkout, orders, JSON-LD, the product feed and the
REST API all call these; catalogue/tests/test_pricing_single_source.py keeps it so.

Nothing here imports models at import time: catalogue.models imports tax choices from it.
"""

from .core import Price, lowest_price, price_for
from .totals import CartPrice, PricedLine, TaxLine, price_cart

__all__ = ["CartPrice", "Price", "PricedLine", "TaxLine", "lowest_price", "price_cart", "price_for"]
