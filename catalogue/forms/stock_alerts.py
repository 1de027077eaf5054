"""The back-in-stock form on a sold-out product page: an email address, and which variant."""

from django import forms

from catalogue.models import ProductPage, ProductVariant

# Larger ids than a 32-bit key are garbage, refused before they reach the database.
MAX_ID = 2**31 - 1


class StockAlertForm(forms.Form):
    email = forms.EmailField(
        label="Email me when it is back",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.com"}),
    )
    variant = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)

    def __init__(self, *args, product: ProductPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product

    def clean_variant(self) -> ProductVariant | None:
        """The variant named, which must be one of this product's; None for a product without variants."""
        variant_id = self.cleaned_data.get("variant")
        if variant_id is None:
            if self.product.has_variants:
                raise forms.ValidationError("Choose an option first.")
            return None
        variant = ProductVariant.objects.filter(pk=variant_id, page_id=self.product.pk).first()
        if variant is None:
            raise forms.ValidationError("That option is not sold with this product.")
        return variant
