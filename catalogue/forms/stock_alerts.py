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
    # Hidden, so its errors are the form's own (shown above the field the shopper sees).
    variant = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, product: ProductPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product

    def clean_variant(self) -> str:
        return self.cleaned_data.get("variant", "").strip()

    def clean(self):
        """The variant named must be one of this product's; None stands for a product without variants."""
        cleaned = super().clean()
        if "variant" not in cleaned:
            raise forms.ValidationError("That option is not sold with this product.")
        raw = cleaned["variant"]
        if not raw:
            if self.product.has_variants:
                raise forms.ValidationError("Choose an option first.")
            cleaned["variant"] = None
            return cleaned
        variant_id = int(raw) if raw.isascii() and raw.isdecimal() else 0
        variant = (
            ProductVariant.objects.filter(pk=variant_id, page_id=self.product.pk).first()
            if 0 < variant_id <= MAX_ID
            else None
        )
        if variant is None:
            raise forms.ValidationError("That option is not sold with this product.")
        cleaned["variant"] = variant
        return cleaned
