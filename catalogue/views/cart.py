"""Cart pages: parse the form, call one cart service, redirect with a message."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from catalogue.services import cart as cart_service
from catalogue.services.errors import CartError


def _back(request, fallback="catalogue:cart"):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


# The cart is this visitor's own: never kept by a shared cache, nor shown stale from history.
@never_cache
def cart_detail(request):
    cart = cart_service.cart_for_request(request)
    context = cart_service.cart_totals(cart_service.cart_lines(cart))
    context["max_line_quantity"] = settings.SHOP_MAX_LINE_QUANTITY
    return TemplateResponse(request, "catalogue/cart.html", context)


@require_POST
def cart_add(request):
    try:
        quantity = cart_service.parse_quantity(request.POST.get("quantity", "1"))
        cart = cart_service.cart_for_request(request, create=True)
        line = cart_service.cart_add(
            cart=cart, product_id=_product_id(request), variant_id=_variant_id(request), quantity=quantity
        )
    except CartError as error:
        messages.error(request, str(error))
        return _back(request)
    cart_service.remember_count(request, cart)
    what = f"{line.product.title} ({line.variant.short_label})" if line.variant_id else line.product.title
    messages.success(request, f"Added {quantity} × {what} to your cart.")
    return _back(request)


@require_POST
def cart_update(request):
    cart = cart_service.cart_for_request(request)
    try:
        if cart is None:
            raise CartError("Your cart is empty.")
        quantity = cart_service.parse_quantity(request.POST.get("quantity"))
        cart_service.cart_set_quantity(
            cart=cart, product_id=_product_id(request), variant_id=_variant_id(request), quantity=quantity
        )
    except CartError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Cart updated.")
    cart_service.remember_count(request, cart)
    return redirect("catalogue:cart")


@require_POST
def cart_remove(request):
    cart = cart_service.cart_for_request(request)
    try:
        if cart is None:
            raise CartError("Your cart is empty.")
        cart_service.cart_remove(cart=cart, product_id=_product_id(request), variant_id=_variant_id(request))
    except CartError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Removed from your cart.")
    cart_service.remember_count(request, cart)
    return redirect("catalogue:cart")


def _product_id(request) -> int:
    raw = request.POST.get("product_id", "")
    if not raw.isdecimal() or not raw.isascii() or len(raw) > 12:
        raise CartError("Sorry, that product is not available.")
    return int(raw)


def _variant_id(request) -> int | None:
    """The posted variant's id; absent means the product itself (refused for a product sold by variant)."""
    raw = request.POST.get("variant", "")
    if raw == "":
        return None
    if not raw.isdecimal() or not raw.isascii() or len(raw) > 12:
        raise CartError("Sorry, that option is not available.")
    return int(raw)
