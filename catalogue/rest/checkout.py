"""Checkout through the API: shipping and payment methods, and placing the order with order_place."""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.payments import CardProvider, payment_providers, provider_for_order
from catalogue.rest import examples
from catalogue.rest.carts import CART_TOKEN_PARAMETER, request_cart, signed_in_by_session
from catalogue.rest.errors import ErrorSerializer
from catalogue.rest.orders import order_data
from catalogue.rest.serializers import (
    CheckoutSerializer,
    PaymentMethodSerializer,
    PlacedOrderSerializer,
    ShippingMethodSerializer,
)
from catalogue.rest.throttles import throttles_for
from catalogue.services import cart as cart_service
from catalogue.services.errors import OrderError
from catalogue.services.orders import CheckoutDetails, guest_order_remember, order_place
from catalogue.services.payments import card_payment_hand_off
from catalogue.shipping import shipping_methods


class ShippingMethodsView(APIView):
    @extend_schema(
        operation_id="checkout_shipping_methods",
        summary="Shipping methods and their rates",
        description="`cost` is what the method costs for the current cart (free over `free_over`).",
        parameters=[CART_TOKEN_PARAMETER],
        responses={200: ShippingMethodSerializer(many=True)},
        examples=[
            examples.response(
                "Methods",
                [
                    {
                        "code": "standard",
                        "label": "Standard delivery (3–5 working days)",
                        "price": "4.95",
                        "free_over": "75.00",
                        "cost": "0.00",
                    }
                ],
            )
        ],
        tags=["checkout"],
    )
    def get(self, request):
        cart = request_cart(request)
        lines = cart.lines.select_related("product") if cart else []
        subtotal = cart_service.cart_totals(lines)["subtotal"]
        methods = [
            {
                "code": method.code,
                "label": method.label,
                "price": method.price,
                "free_over": method.free_over,
                "cost": method.cost_for(subtotal),
            }
            for method in shipping_methods().values()
        ]
        return Response(ShippingMethodSerializer(methods, many=True).data)


class PaymentMethodsView(APIView):
    @extend_schema(
        operation_id="checkout_payment_methods",
        summary="Payment methods",
        responses={200: PaymentMethodSerializer(many=True)},
        examples=[
            examples.response("Methods", [{"code": "invoice", "label": "Invoice (pay within 14 days)"}])
        ],
        tags=["checkout"],
    )
    def get(self, request):
        methods = [
            {"code": provider.code, "label": provider.label} for provider in payment_providers().values()
        ]
        return Response(PaymentMethodSerializer(methods, many=True).data)


def card_hand_off_data(order) -> dict | None:
    """For a card order: the attempt opened for the app, and where its shopper pays."""
    if order.payment_method != CardProvider.code or not settings.SHOP_CARD_GATEWAY:
        return None
    hand_off = card_payment_hand_off(order=order, variant=settings.SHOP_CARD_GATEWAY)
    payment = hand_off.payment
    return {
        "id": payment.token,
        "status": payment.status,
        "amount": payment.total,
        "currency": payment.currency,
        "redirect_url": hand_off.redirect_url,
    }


class CheckoutView(APIView):
    throttle_classes = throttles_for("checkout")

    @extend_schema(
        operation_id="checkout_place_order",
        summary="Place the order for the current cart",
        description="Through the shop's order_place: stock is taken atomically (never oversold), "
        "prices are copied as they are now, and the cart is emptied. If any line runs short "
        "the order is refused (409) and the cart is untouched. The answer carries the payment "
        "hand-off: what the shopper does next to pay, and for `card` the page where they pay "
        "(`payment.redirect_url`). A card order stays `pending` until the gateway's verified "
        "callback marks it `paid`; poll the order (`/api/v1/account/orders/{reference}/`, signed in).",
        request=CheckoutSerializer,
        parameters=[CART_TOKEN_PARAMETER],
        responses={
            201: PlacedOrderSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
        examples=[
            examples.request(
                "Details",
                {
                    "email": "ann@example.com",
                    "full_name": "Ann Baker",
                    "phone": "",
                    "address_line1": "1 High Street",
                    "address_line2": "",
                    "city": "Bristol",
                    "postcode": "BS1 1AA",
                    "country": "GB",
                    "shipping_method": "standard",
                    "payment_method": "invoice",
                },
            ),
            examples.response(
                "Placed",
                {
                    "order": examples.ORDER,
                    "payment_instructions": "We will email an invoice for 99.80 EUR, due in 14 days.",
                    "payment": None,
                },
                201,
            ),
            examples.response(
                "Placed, to pay by card",
                {
                    "order": {**examples.ORDER, "payment_method": "card"},
                    "payment_instructions": "Card payment of €89.82: we email you as soon as it is received.",
                    "payment": {
                        "id": "5f0c6e8e-2a8b-4f7e-9d51-0b8c2f1e7a10",
                        "status": "waiting",
                        "amount": "89.82",
                        "currency": "EUR",
                        "redirect_url": "https://checkout.stripe.com/c/pay/cs_test_a1B2c3",
                    },
                },
                201,
            ),
            examples.response("Empty cart", examples.error(409, "refused", "Your cart is empty."), 409),
            examples.THROTTLED,
        ],
        tags=["checkout"],
    )
    def post(self, request):
        details = CheckoutSerializer(data=request.data)
        details.is_valid(raise_exception=True)
        cart = request_cart(request)
        if cart is None:
            raise OrderError("Your cart is empty.")
        # Token clients have no session; a browser's session key ties a guest order to it, as in the shop.
        session_key = (request.session.session_key or "") if request.auth is None else ""
        order = order_place(
            cart=cart,
            details=CheckoutDetails(**details.validated_data),
            user=request.user,
            session_key=session_key,
        )
        if signed_in_by_session(request):
            cart_service.remember_count(request, None)
        if session_key:
            guest_order_remember(request, order)
        instructions = provider_for_order(order).start(order)
        body = {
            "order": order_data(order),
            "payment_instructions": instructions.summary,
            "payment": card_hand_off_data(order),
        }
        response = Response(PlacedOrderSerializer(body).data, status=201)
        response["Cache-Control"] = "private, no-store"
        return response
