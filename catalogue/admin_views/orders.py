"""Orders in the Wagtail admin (wagtail-modeladmin): list, filters, search, inspect, export, status actions."""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import InspectView

from catalogue.invoices import invoice_orders
from catalogue.models import Order
from catalogue.services.errors import OrderError
from catalogue.services.orders import ALLOWED_TRANSITIONS, order_set_status
from catalogue.views.invoices import invoice_response
from home.money import format_money


class OrderInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.instance
        context["lines"] = order.lines.all()
        context["tax_lines"] = order.tax_lines.all()
        context["status_changes"] = order.status_changes.select_related("changed_by")
        context["next_statuses"] = [
            (status, Order.Status(status).label) for status in ALLOWED_TRANSITIONS.get(order.status, ())
        ]
        return context


class OrderAdmin(ModelAdmin):
    model = Order
    menu_label = "Orders"
    menu_icon = "list-ul"
    menu_order = 200
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = OrderInspectView
    inspect_template_name = "catalogue/admin/order_inspect.html"
    inspect_view_fields = [
        "number",
        "status",
        "email",
        "full_name",
        "payment_method",
        "created_at",
        "confirmation_sent_at",
        "tracking_url",
    ]
    # Totals in the shop's one money format; the CSV export keeps plain numbers and codes.
    list_display = ("number", "created_at", "email", "status", "total_display")
    list_filter = ("status", "created_at")
    search_fields = ("number", "email")
    list_export = (
        "number",
        "created_at",
        "status",
        "email",
        "full_name",
        "country",
        "shipping_method",
        "payment_method",
        "subtotal",
        "shipping_cost",
        "total",
        "currency",
    )
    export_filename = "orders"
    ordering = ("-created_at",)

    @admin.display(description="Total", ordering="total")
    def total_display(self, order):
        return format_money(order.total, order.currency)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


def validate_tracking_url(url: str) -> None:
    """Only web links that fit the column: the shipping email puts this in an <a href>."""
    if len(url) > Order._meta.get_field("tracking_url").max_length:
        raise ValidationError("The tracking link is too long.")
    URLValidator(schemes=["http", "https"])(url)


@require_POST
def order_change_status(request, order_id):
    """POST-only status action from the inspect view; the lifecycle rules live in the service."""
    if not request.user.has_perm("catalogue.change_order"):
        raise PermissionDenied
    order = get_object_or_404(Order, pk=order_id)
    status = request.POST.get("status", "")
    tracking_url = request.POST.get("tracking_url", "").strip() if status == Order.Status.SHIPPED else ""
    try:
        if tracking_url:
            validate_tracking_url(tracking_url)
        order_set_status(
            order=order,
            status=status,
            changed_by=request.user,
            note=request.POST.get("note", "")[:255],
            tracking_url=tracking_url,
        )
    except ValidationError:
        messages.error(
            request, "The tracking link must be a web address (https://…); the order is unchanged."
        )
    except OrderError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Order {order.number} updated.")
    return redirect("catalogue_order_modeladmin_inspect", quote(order.pk))


@never_cache
def order_invoice_admin(request, order_id):
    """An order's invoice for staff: whoever may open the order's inspect view (any order
    permission, as wagtail-modeladmin decides), checked here, not only by hiding the link."""
    if not PermissionHelper(Order, inspect_view_enabled=True).user_can_inspect_obj(request.user, None):
        raise PermissionDenied
    order = get_object_or_404(invoice_orders(Order.objects.all()), pk=order_id)
    return invoice_response(
        request,
        order,
        back_url=reverse("catalogue_order_modeladmin_inspect", args=[quote(order.pk)]),
        back_label="Back to the order in the admin",
    )
