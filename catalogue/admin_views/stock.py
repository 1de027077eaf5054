"""Admin stock adjustment: the one place staff change stock by hand, through the stock service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from catalogue.models import ProductPage
from catalogue.services.errors import StockError
from catalogue.services.stock import stock_adjust

# Moderators have it (home/migrations/0009); editing a product's page is not enough.
ADJUST_STOCK_PERMISSION = "catalogue.adjust_stock"


def user_can_adjust_stock(user) -> bool:
    return user.has_perm(ADJUST_STOCK_PERMISSION)


class StockAdjustmentForm(forms.Form):
    change = forms.IntegerField(
        min_value=-100_000, max_value=100_000, help_text="Positive for a delivery, negative for shrinkage."
    )
    note = forms.CharField(max_length=255, help_text="Why: delivery note, stock count, damage…")


def stock_adjust_view(request, page_id):
    if not user_can_adjust_stock(request.user):
        raise PermissionDenied
    product = get_object_or_404(ProductPage, pk=page_id)
    form = StockAdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new_stock = stock_adjust(
                product_id=product.pk,
                change=form.cleaned_data["change"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except StockError as error:
            form.add_error("change", str(error))
        else:
            messages.success(request, f"Stock of “{product.title}” is now {new_stock}.")
            return redirect(reverse("catalogue_stock_adjust", args=[product.pk]))
    context = {
        "product": product,
        "form": form,
        "movements": product.stock_movements.select_related("user", "order")[:50],
    }
    return TemplateResponse(request, "catalogue/admin/stock_adjust.html", context)
