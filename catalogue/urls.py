from django.urls import path

from catalogue.views import cart, checkout, feeds, invoices, payments, reviews, stock_alerts

app_name = "catalogue"

urlpatterns = [
    path("catalogue/products/<int:product_id>/reviews/", reviews.review_create, name="review_create"),
    path(
        "catalogue/products/<int:product_id>/stock-alerts/",
        stock_alerts.stock_alert_create,
        name="stock_alert_create",
    ),
    path("alerts/unsubscribe/<uuid:token>/", stock_alerts.stock_alert_stop, name="stock_alert_unsubscribe"),
    path("feeds/products.xml", feeds.product_feed, name="product_feed"),
    path("cart/", cart.cart_detail, name="cart"),
    path("cart/add/", cart.cart_add, name="cart_add"),
    path("cart/update/", cart.cart_update, name="cart_update"),
    path("cart/remove/", cart.cart_remove, name="cart_remove"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("checkout/orders/<uuid:reference>/", checkout.order_confirmation, name="order_confirmation"),
    path("checkout/orders/<uuid:reference>/pay/", payments.order_pay, name="order_pay"),
    path("checkout/payments/<uuid:token>/", payments.payment_callback, name="payment_callback"),
    path("checkout/payments/<uuid:token>/pay/", payments.payment_hand_off, name="payment_hand_off"),
    path("checkout/payments/webhooks/<slug:variant>/", payments.payment_webhook, name="payment_webhook"),
    path("accounts/orders/", checkout.order_history, name="order_history"),
    path("accounts/orders/<uuid:reference>/", checkout.order_detail, name="order_detail"),
    path("accounts/orders/<uuid:reference>/invoice/", invoices.order_invoice, name="order_invoice"),
]
