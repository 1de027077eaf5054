"""An order's printable invoice: for the account that placed the order, and for staff from the admin.

The page is the document: print CSS hides the shop's header and footer, so the browser's
"Print / save as PDF" gives a clean invoice without a PDF library."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from catalogue.invoices import invoice_orders, invoice_seller
from catalogue.models import Order
from catalogue.services.orders import orders_visible_to


def invoice_response(request, order: Order, *, back_url: str, back_label: str) -> TemplateResponse:
    context = {
        "order": order,
        "seller": invoice_seller(request),
        "back_url": back_url,
        "back_label": back_label,
    }
    return TemplateResponse(request, "catalogue/order_invoice.html", context)


@never_cache
@login_required
def order_invoice(request, reference):
    """The invoice of one of the signed-in account's own orders; anyone else's (or a guest's) is a 404.

    Guest orders have no invoice page: their confirmation opens only in the browser that
    placed them, with no token a guest could keep, so there is nothing safe to link to."""
    order = get_object_or_404(invoice_orders(orders_visible_to(request)), reference=reference)
    return invoice_response(
        request,
        order,
        back_url=reverse("catalogue:order_detail", args=[order.reference]),
        back_label="Back to the order",
    )
