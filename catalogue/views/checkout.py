"""Checkout and what comes after: confirmation and order history.

Each page shows one shopper's own cart, order or details, so none may be kept by a
shared cache: ``never_cache`` marks them ``private, no-store``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from catalogue.forms.checkout import CheckoutForm, initial_for_user
from catalogue.payments import provider_for_order
from catalogue.pricing.checkout import checkout_summary
from catalogue.services import cart as cart_service
from catalogue.services.errors import ShopError
from catalogue.services.orders import (
    CheckoutDetails,
    guest_order_remember,
    order_place,
    orders_openable_by,
    orders_visible_to,
)


@never_cache
def checkout(request):
    cart = cart_service.cart_for_request(request)
    totals = cart_service.cart_totals(cart_service.cart_lines(cart))
    if not totals["lines"]:
        messages.info(request, "Your cart is empty.")
        return redirect("catalogue:cart")
    form = CheckoutForm(
        request.POST or None, initial=initial_for_user(request.user), subtotal=totals["subtotal"]
    )
    valid = request.method == "POST" and form.is_valid()
    summary = checkout_summary(
        totals["lines"],
        voucher_code=form["voucher_code"].value() or "",
        method_code=form.chosen_shipping_method(),
        user=request.user,
        email=form.cleaned_data.get("email", "") if form.is_bound else "",
    )
    if summary.voucher_error and form.is_bound:
        form.add_error("voucher_code", summary.voucher_error)
        valid = False
    # "Apply" re-prices the summary with the code; only "Place order" places it.
    applying = "apply_voucher" in request.POST
    if valid and not applying:
        if not request.session.session_key:
            request.session.save()
        try:
            order = order_place(
                cart=cart,
                details=CheckoutDetails(**form.cleaned_data),
                user=request.user,
                session_key=request.session.session_key,
            )
        except ShopError as error:
            messages.error(request, str(error))
        else:
            cart_service.remember_count(request, None)
            guest_order_remember(request, order)
            # A card order goes on to its gateway's page; offline methods are done here.
            next_url = provider_for_order(order).after_order_url(order)
            return redirect(next_url or reverse("catalogue:order_confirmation", args=[order.reference]))
    if applying and not summary.voucher_error:
        # Only the code was asked about: the form comes back as typed, its other fields
        # checked when the order is placed.
        form = CheckoutForm(
            initial={**initial_for_user(request.user), **request.POST.dict()}, subtotal=totals["subtotal"]
        )
    status = 400 if form.is_bound else 200
    context = {
        "form": form,
        **totals,
        "quotes": summary.quotes,
        "quote": summary.quote,
        "priced": summary.quote.cart_price,
        "shipping_tax_class": summary.shipping_tax_class,
    }
    return TemplateResponse(request, "catalogue/checkout.html", context, status=status)


@never_cache
def order_confirmation(request, reference):
    order = get_object_or_404(orders_openable_by(request).prefetch_related("lines"), reference=reference)
    instructions = provider_for_order(order).start(order)
    return TemplateResponse(
        request, "catalogue/order_confirmation.html", {"order": order, "instructions": instructions}
    )


@never_cache
@login_required
def order_history(request):
    orders = orders_visible_to(request).prefetch_related("lines")
    return TemplateResponse(request, "catalogue/order_history.html", {"orders": orders})


@never_cache
@login_required
def order_detail(request, reference):
    """One order of the signed-in account's own; anyone else's is a 404, as is a guest's."""
    order = get_object_or_404(orders_visible_to(request).prefetch_related("lines"), reference=reference)
    return TemplateResponse(request, "catalogue/order_detail.html", {"order": order})
