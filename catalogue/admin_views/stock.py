"""Admin stock adjustment: the one place staff change stock by hand, through the stock service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from catalogue.models import ProductPage, ProductVariant
from catalogue.services.errors import StockError
from catalogue.services.stock import stock_adjust

# Moderators have it (home/migrations/0009); editing a product's page is not enough.
ADJUST_STOCK_PERMISSION = "catalogue.adjust_stock"


def user_can_adjust_stock(user) -> bool:
    return user.has_perm(ADJUST_STOCK_PERMISSION)


class StockAdjustmentForm(forms.Form):
    """A change and why; for a product sold by variant, also which variant's shelf it counts."""

    variant = forms.ModelChoiceField(queryset=ProductVariant.objects.none(), required=False)
    change = forms.IntegerField(
        min_value=-100_000, max_value=100_000, help_text="Positive for a delivery, negative for shrinkage."
    )
    note = forms.CharField(max_length=255, help_text="Why: delivery note, stock count, damage…")

    def __init__(self, *args, product: ProductPage, **kwargs):
        super().__init__(*args, **kwargs)
        variants = ProductVariant.objects.filter(page=product).order_by("sort_order", "pk")
        if product.has_variants:
            self.fields["variant"].queryset = variants
            self.fields["variant"].required = True
            self.fields["variant"].help_text = "The product's stock is the sum of its variants'."
        else:
            del self.fields["variant"]


def stock_adjust_view(request, page_id):
    if not user_can_adjust_stock(request.user):
        raise PermissionDenied
    product = get_object_or_404(ProductPage, pk=page_id)
    form = StockAdjustmentForm(request.POST or None, product=product)
    if request.method == "POST" and form.is_valid():
        try:
            variant = form.cleaned_data.get("variant")
            new_stock = stock_adjust(
                product_id=product.pk,
                variant_id=variant.pk if variant else None,
                change=form.cleaned_data["change"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except StockError as error:
            form.add_error("change", str(error))
        else:
            name = f"{product.title} ({variant.short_label})" if variant else product.title
            messages.success(request, f"Stock of “{name}” is now {new_stock}.")
            return redirect(reverse("catalogue_stock_adjust", args=[product.pk]))
    context = {
        "product": product,
        "form": form,
        "movements": product.stock_movements.select_related("user", "order", "variant")[:50],
        "variants": ProductVariant.objects.filter(page=product).order_by("sort_order", "pk"),
    }
    return TemplateResponse(request, "catalogue/admin/stock_adjust.html", context)
