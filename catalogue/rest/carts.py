"""The cart through the API: the HTML cart's services, found by user or by an opaque token.

A signed-in shopper (session or token) has their one account cart. A guest's cart is
named by ``X-Cart-Token``: the cart's id, signed with the site's secret, so it cannot
be guessed or forged and needs no column of its own. An unknown, forged or merged-away
token counts as no cart; the next write starts a new one and answers its token.
"""

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import Cart, ProductGalleryImage
from catalogue.models.querysets import CARD_RENDITION_FILTERS, renditions_matching
from catalogue.rest import examples
from catalogue.rest.errors import ErrorSerializer
from catalogue.rest.products import product_id_or_404
from catalogue.rest.serializers import CartSerializer, LineInputSerializer, QuantityInputSerializer
from catalogue.rest.throttles import throttles_for
from catalogue.services import cart as cart_service
from catalogue.services.errors import CartError

CART_TOKEN_HEADER = "X-Cart-Token"
TOKEN_SALT = "catalogue.rest.cart"
CART_TOKEN_PARAMETER = OpenApiParameter(
    CART_TOKEN_HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description="A guest cart's token, as answered by a cart write. Ignored when signed in.",
)


def cart_token(cart: Cart) -> str:
    return signing.dumps(cart.pk, salt=TOKEN_SALT, compress=True)


def cart_from_token(raw: str) -> Cart | None:
    if not raw or len(raw) > 200:
        return None
    try:
        cart_id = signing.loads(raw, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(cart_id, int):
        return None
    return Cart.objects.filter(pk=cart_id, user__isnull=True).first()


def signed_in_by_session(request) -> bool:
    """A browser client: its session also drives the HTML header's cart count."""
    return request.user.is_authenticated and request.auth is None


def request_cart(request, *, create: bool = False) -> Cart | None:
    if request.user.is_authenticated:
        return cart_service.cart_for_request(request, create=create)
    cart = cart_from_token(request.headers.get(CART_TOKEN_HEADER, ""))
    if cart is None and create:
        cart = Cart.objects.create()
    return cart


def cart_lines(cart: Cart | None):
    """The cart's lines with everything a line shows, in a fixed number of queries."""
    if cart is None:
        return []
    gallery = (
        ProductGalleryImage.objects.order_by("sort_order")
        .select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=renditions_matching(CARD_RENDITION_FILTERS)))
    )
    return (
        cart.lines.select_related("product__brand")
        .prefetch_related(Prefetch("product__gallery_images", queryset=gallery))
        .order_by("pk")
    )


def cart_body(request, cart: Cart | None) -> dict:
    totals = cart_service.cart_totals(cart_lines(cart))
    guest = cart is not None and cart.user_id is None
    return {
        "token": cart_token(cart) if guest else None,
        "lines": [
            {
                "product": line.product,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
            }
            for line in totals["lines"]
        ],
        "item_count": totals["item_count"],
        "subtotal": totals["subtotal"],
        "currency": settings.SHOP_CURRENCY,
    }


def cart_response(request, cart: Cart | None, status: int = 200) -> Response:
    if cart is not None and signed_in_by_session(request):
        cart_service.remember_count(request, cart)
    body = CartSerializer(cart_body(request, cart), context={"request": request}).data
    response = Response(body, status=status)
    if body["token"]:
        response[CART_TOKEN_HEADER] = body["token"]
    response["Cache-Control"] = "private, no-store"
    return response


CART_ERRORS = {
    400: ErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    409: ErrorSerializer,
    429: ErrorSerializer,
}


class CartView(APIView):
    throttle_classes = throttles_for("cart_write")

    @extend_schema(
        operation_id="cart_retrieve",
        summary="The current cart",
        description="The signed-in shopper's cart, or the guest cart named by X-Cart-Token; "
        "an empty cart (token null) when there is none yet.",
        parameters=[CART_TOKEN_PARAMETER],
        responses={200: CartSerializer},
        examples=[examples.response("A cart", examples.CART)],
        tags=["cart"],
    )
    def get(self, request):
        return cart_response(request, request_cart(request))

    @extend_schema(
        operation_id="cart_create",
        summary="Start a cart",
        description="Answers the current cart if there is one, else a new empty one with its token.",
        request=None,
        parameters=[CART_TOKEN_PARAMETER],
        responses={201: CartSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 429: ErrorSerializer},
        examples=[
            examples.response(
                "New guest cart", {**examples.CART, "lines": [], "item_count": 0, "subtotal": "0.00"}, 201
            ),
            examples.THROTTLED,
        ],
        tags=["cart"],
    )
    def post(self, request):
        return cart_response(request, request_cart(request, create=True), status=201)


class CartLinesView(APIView):
    throttle_classes = throttles_for("cart_write")

    @extend_schema(
        operation_id="cart_lines_create",
        summary="Add a product to the cart",
        description="Adds to the line if the product is already in the cart. The same rules and "
        "messages as the shop's cart: at most SHOP_MAX_LINE_QUANTITY of one product, and no more "
        "than is in stock. Starts a cart if there is none (its token comes back).",
        request=LineInputSerializer,
        parameters=[CART_TOKEN_PARAMETER],
        responses={201: CartSerializer, **CART_ERRORS},
        examples=[
            examples.request("Two of a product", {"product_id": 42, "quantity": 2}),
            examples.response("The cart", examples.CART, 201),
            examples.response(
                "Not enough stock",
                examples.error(409, "refused", "Sorry, only 3 of Chef knife 20 cm left in stock."),
                409,
            ),
            examples.response(
                "Bad quantity",
                examples.error(
                    400, "invalid", "Invalid input.", {"quantity": ["The quantity must be at least 1."]}
                ),
                400,
            ),
            examples.THROTTLED,
        ],
        tags=["cart"],
    )
    def post(self, request):
        line_input = LineInputSerializer(data=request.data)
        line_input.is_valid(raise_exception=True)
        cart = request_cart(request, create=True)
        cart_service.cart_add(
            cart=cart,
            product_id=line_input.validated_data["product_id"],
            quantity=line_input.validated_data["quantity"],
        )
        return cart_response(request, cart, status=201)


class CartLineView(APIView):
    throttle_classes = throttles_for("cart_write")

    @extend_schema(
        operation_id="cart_lines_update",
        summary="Change a line's quantity",
        request=QuantityInputSerializer,
        parameters=[CART_TOKEN_PARAMETER],
        responses={200: CartSerializer, **CART_ERRORS, 404: ErrorSerializer},
        examples=[
            examples.request("Three", {"quantity": 3}),
            examples.response("The cart", examples.CART),
            examples.response(
                "Not in the cart", examples.error(409, "refused", "That product is not in your cart."), 409
            ),
        ],
        tags=["cart"],
    )
    def patch(self, request, product_id: str):
        product_pk = product_id_or_404(product_id)
        quantity_input = QuantityInputSerializer(data=request.data)
        quantity_input.is_valid(raise_exception=True)
        cart = self._cart(request)
        cart_service.cart_set_quantity(
            cart=cart, product_id=product_pk, quantity=quantity_input.validated_data["quantity"]
        )
        return cart_response(request, cart)

    @extend_schema(
        operation_id="cart_lines_destroy",
        summary="Remove a product from the cart",
        parameters=[CART_TOKEN_PARAMETER],
        responses={
            200: CartSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
        examples=[
            examples.response(
                "The cart", {**examples.CART, "lines": [], "item_count": 0, "subtotal": "0.00"}
            ),
            examples.response("Empty cart", examples.error(409, "refused", "Your cart is empty."), 409),
        ],
        tags=["cart"],
    )
    def delete(self, request, product_id: str):
        product_pk = product_id_or_404(product_id)
        cart = self._cart(request)
        cart_service.cart_remove(cart=cart, product_id=product_pk)
        return cart_response(request, cart)

    def _cart(self, request) -> Cart:
        cart = request_cart(request)
        if cart is None:
            raise CartError("Your cart is empty.")
        return cart


def merge_token_cart(request, user) -> None:
    """After sign-in: fold the guest cart named by X-Cart-Token into the account's, with the
    same merge as the shop's login (the session's guest cart merges through the login signal)."""
    guest = cart_from_token(request.headers.get(CART_TOKEN_HEADER, ""))
    if guest is not None:
        cart_service.cart_merge(anonymous_cart=guest, user=user)
