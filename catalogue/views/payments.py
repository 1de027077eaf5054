"""The card payment step: the gateway's page for an order, and the gateway's callbacks.

Callbacks come from the gateway (or the shopper's browser sent back by it), never with
a CSRF token; they prove themselves by signature instead. Anything that does not
verify is a 400, an unknown payment a 404, and neither changes anything.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from payments import PaymentError, PaymentStatus, RedirectNeeded

from catalogue.models import Order, Payment
from catalogue.payment_gateways import OPEN_STATUSES, VERIFICATION_ERRORS, WEBHOOK_VARIANTS
from catalogue.payments import CardProvider
from catalogue.services.orders import orders_openable_by
from catalogue.services.payments import card_payment_open, payment_callback_process, payment_webhook_process

logger = logging.getLogger(__name__)


@never_cache
@require_http_methods(["GET", "POST"])
def order_pay(request, reference):
    """The gateway's payment page for a pending card order the visitor may open."""
    order = get_object_or_404(orders_openable_by(request), reference=reference)
    if order.payment_method != CardProvider.code or order.status != Order.Status.PENDING:
        return redirect("catalogue:order_confirmation", reference=order.reference)
    if not settings.SHOP_CARD_GATEWAY:
        messages.error(request, "Card payments are switched off; we will contact you about this order.")
        return redirect("catalogue:order_confirmation", reference=order.reference)
    failed = order.payments.filter(status=PaymentStatus.REJECTED).exists()
    payment = card_payment_open(order=order, variant=settings.SHOP_CARD_GATEWAY)
    return _gateway_page(request, order, payment, failed=failed)


def _gateway_page(request, order, payment, *, failed: bool, hand_off: bool = False):
    """The gateway's form for ``payment`` (the dummy's), or the redirect to its hosted page."""
    try:
        form = payment.get_form(data=request.POST or None)
    except RedirectNeeded as to_gateway:
        return redirect(str(to_gateway))
    except PaymentError:
        logger.warning("Gateway refused to start payment %s", payment.pk, exc_info=True)
        if hand_off:
            # No session to carry a message: this page says it, and reloading it tries again.
            context = {"order": order, "unavailable": True}
            return TemplateResponse(request, "catalogue/payment_hand_off_closed.html", context, status=503)
        messages.error(request, "The card payment could not be started; please try again in a moment.")
        return redirect("catalogue:order_confirmation", reference=order.reference)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "catalogue/order_pay.html",
        {"order": order, "payment": payment, "form": form, "failed": failed, "hand_off": hand_off},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def payment_hand_off(request, token):
    """One attempt's payment page, by its token: where an app (the storefront API) sends its
    shopper, who has no session. The token is the attempt's unguessable id; the page shows
    only the order's number and amount, and pays nothing: as in the browser flow, only the
    gateway's verified callback does.
    """
    payment = get_object_or_404(Payment.objects.select_related("order"), token=token, opened_by_api=True)
    order = payment.order
    if order.status != Order.Status.PENDING or not settings.SHOP_CARD_GATEWAY:
        # Paid (the gateway's success page), cancelled, or cards switched off since.
        return TemplateResponse(request, "catalogue/payment_hand_off_closed.html", {"order": order})
    if payment.status not in OPEN_STATUSES:
        # A rejected attempt: the shopper tries again with a new one, as on the order's page.
        payment = card_payment_open(order=order, variant=settings.SHOP_CARD_GATEWAY, opened_by_api=True)
        return redirect("catalogue:payment_hand_off", token=payment.token)
    failed = order.payments.filter(status=PaymentStatus.REJECTED).exists()
    return _gateway_page(request, order, payment, failed=failed, hand_off=True)


@csrf_exempt
@never_cache
def payment_callback(request, token):
    """A gateway's answer for one payment (the dummy's signed return)."""
    try:
        return payment_callback_process(token=str(token), request=request)
    except Payment.DoesNotExist as exc:
        raise Http404("No such payment") from exc
    except VERIFICATION_ERRORS as error:
        logger.warning("Refused a payment callback for %s: %s", token, error)
        return HttpResponseBadRequest("The callback did not verify.")


@csrf_exempt
@never_cache
@require_http_methods(["POST"])
def payment_webhook(request, variant):
    """A gateway's webhook to one URL for all payments (Stripe's)."""
    if variant not in WEBHOOK_VARIANTS or variant != settings.SHOP_CARD_GATEWAY:
        raise Http404("No such gateway")
    try:
        return payment_webhook_process(variant=variant, request=request)
    except Payment.DoesNotExist as exc:
        raise Http404("No such payment") from exc
    except VERIFICATION_ERRORS as error:
        logger.warning("Refused a %s webhook: %s", variant, error)
        return HttpResponseBadRequest("The webhook did not verify.")
