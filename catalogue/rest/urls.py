"""/api/v1/ routes of the catalogue: categories, a product, cart, checkout, orders, reviews, back-in-stock alerts.

The product list (``products/``, browsing and searching) is search.rest's.
"""

from django.urls import path

from catalogue.rest import carts, checkout, orders, products, reviews, stock_alerts

urlpatterns = [
    path("categories/", products.CategoryTreeView.as_view(), name="categories"),
    path("products/<str:product_id>/", products.ProductDetailView.as_view(), name="product"),
    path("products/<str:product_id>/reviews/", reviews.ProductReviewsView.as_view(), name="product_reviews"),
    path(
        "products/<str:product_id>/stock-alerts/",
        stock_alerts.ProductStockAlertsView.as_view(),
        name="product_stock_alerts",
    ),
    path("cart/", carts.CartView.as_view(), name="cart"),
    path("cart/lines/", carts.CartLinesView.as_view(), name="cart_lines"),
    path("cart/lines/<str:product_id>/", carts.CartLineView.as_view(), name="cart_line"),
    path("checkout/shipping-methods/", checkout.ShippingMethodsView.as_view(), name="shipping_methods"),
    path("checkout/payment-methods/", checkout.PaymentMethodsView.as_view(), name="payment_methods"),
    path("checkout/", checkout.CheckoutView.as_view(), name="checkout"),
    path("account/orders/", orders.OrderListView.as_view(), name="orders"),
    path("account/orders/<str:reference>/", orders.OrderDetailView.as_view(), name="order"),
]
