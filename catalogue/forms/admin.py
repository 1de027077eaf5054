from wagtail.admin.forms import WagtailAdminModelForm


class StockEnteredOnceFormMixin:
    """Stock is typed in once, when a product is created; after that it changes only through stock services.

    A mixin, so that the product form keeps the behaviour of the page form it is built
    on (``ShopPage.base_form_class``: SEO fields only for marketers).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock = self.fields.get("stock")
        if stock is not None and self.instance.pk:
            stock.disabled = True
            stock.help_text = (
                "Live stock level. It is not part of revisions: orders and stock adjustments change it."
            )
        elif stock is not None:
            # No silent 0: the field starts empty and must be filled in. Typing 0 is a choice
            # (the product goes live sold out, and the editor is warned when it does).
            self.initial.pop("stock", None)
            stock.initial = None
            stock.required = True
            stock.help_text = (
                "Opening stock: how many are on the shelf now. Type 0 if none have arrived yet. "
                "A product with variants takes the sum of its variants' stock instead."
            )
            if self._posts_variants():
                stock.required = False

    def _posts_variants(self) -> bool:
        """Whether the submitted form holds variant rows that are kept (their stock stands in)."""
        if not self.is_bound:
            return False
        prefix = "variants"
        try:
            total = int(self.data.get(f"{prefix}-TOTAL_FORMS", 0))
        except (TypeError, ValueError):
            return False
        return any(
            not self.data.get(f"{prefix}-{index}-DELETE") and self.data.get(f"{prefix}-{index}-sku")
            for index in range(min(total, 1000))
        )

    def clean(self):
        cleaned = super().clean()
        if "stock" in self.fields and not self.instance.pk and cleaned.get("stock") is None:
            if self._posts_variants():
                cleaned["stock"] = 0  # replaced by the variants' sum when the page is saved
            elif "stock" not in self.errors:
                self.add_error("stock", "This field is required.")
        return cleaned


class VariantForm(WagtailAdminModelForm):
    """A variant row: opening stock is typed in when the variant is added, then only orders and adjustments change it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock = self.fields.get("stock")
        if stock is None:
            return
        if self.instance.pk:
            stock.disabled = True
            stock.help_text = "Live stock; only orders and Adjust stock change it."
        else:
            stock.help_text = "Opening stock of this variant."
