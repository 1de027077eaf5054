from django import forms
from django.core.exceptions import ValidationError
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


class TargetsField(forms.ModelMultipleChoiceField):
    """A promotion's targets by id: an id past any database integer is refused like a wrong one.

    Django checks the chosen ids with one ``pk__in`` query, whose driver raises on an
    integer that does not fit (OverflowError on SQLite): that would be a 500, not a form error.
    """

    def _check_values(self, value):
        for pk in value or ():
            try:
                number = int(str(pk))
            except (TypeError, ValueError):
                continue  # Django's own check refuses it
            if not -MAX_ID <= number <= MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


MAX_ID = 2**63 - 1
PROMOTION_TARGETS = ("categories", "brands", "products", "variants")


class PromotionAdminForm(WagtailAdminModelForm):
    """The promotion form: targets refuse any id that is not one, and variants are named with their product."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in PROMOTION_TARGETS:
            field = self.fields.get(name)
            if field is not None:
                self.fields[name] = TargetsField(
                    queryset=field.queryset,
                    required=field.required,
                    label=field.label,
                    help_text=field.help_text,
                    widget=field.widget,
                )
        variants = self.fields.get("variants")
        if variants is not None:
            # One query for the choices, the products' titles included.
            variants.queryset = variants.queryset.select_related("page").order_by("page__title", "sort_order")
            variants.label_from_instance = lambda variant: f"{variant.page.title}: {variant}"
