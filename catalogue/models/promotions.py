"""Marketers' price tools: scheduled promotions (drafted and approved like pages) and voucher codes.

Neither model prices anything itself: catalogue.pricing reads them. Promotions carry
Wagtail's draft, revision, lock and workflow state, so a promotion is only ever in force
once it is published (and within its own date range); vouchers are plain snippets,
because a code is either handed out or not, and their usage counter is live data.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from catalogue.forms.admin import PromotionAdminForm


class DiscountKind(models.TextChoices):
    PERCENT = "percent", "Percentage off"
    AMOUNT = "amount", "Amount off"


def validate_discount(kind: str, value: Decimal | None) -> None:
    """A percentage is at most 100; an amount is any positive sum (capped at the price when applied)."""
    if value is None:
        return
    if value <= 0:
        raise ValidationError({"value": "The discount must be more than zero."})
    if kind == DiscountKind.PERCENT and value > 100:
        raise ValidationError({"value": "A percentage discount cannot be more than 100."})


def validate_window(starts_at, ends_at, *, start_field: str, end_field: str) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({end_field: "The end must come after the start."})


def check_all(*checks) -> None:
    """Run every check and report all their errors together, not just the first one's."""
    errors = {}
    for check in checks:
        try:
            check()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


class Promotion(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """A discount on products, chosen by category, brand, product or variant, in force for a date range.

    A variant target lowers that variant only (a size, a colour), not the rest of its
    product; catalogue.pricing.promotions matches it against the variant being priced.
    """

    name = models.CharField(max_length=120, help_text="For staff; shoppers see “Sale”.")
    kind = models.CharField(max_length=8, choices=DiscountKind.choices, default=DiscountKind.PERCENT)
    value = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Percent off (e.g. 15) or an amount off each unit (e.g. 5.00).",
    )
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Empty: from when it is published.")
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty: until it is unpublished.")
    categories = ParentalManyToManyField(
        "catalogue.CategoryPage",
        blank=True,
        related_name="promotions",
        help_text="Every product in these categories, sub-categories included.",
    )
    brands = ParentalManyToManyField("catalogue.Brand", blank=True, related_name="promotions")
    products = ParentalManyToManyField("catalogue.ProductPage", blank=True, related_name="promotions")
    variants = ParentalManyToManyField(
        "catalogue.ProductVariant",
        blank=True,
        related_name="promotions",
        help_text="Single sizes or colours: the rest of their product keeps its price.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="promotion")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="promotion",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("value")], heading="Discount"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="In force"),
        MultiFieldPanel(
            [
                FieldPanel("categories"),
                FieldPanel("brands"),
                FieldPanel("products"),
                FieldPanel("variants"),
            ],
            heading="Applies to",
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    base_form_class = PromotionAdminForm

    class Meta:
        ordering = ["-starts_at", "name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        super().clean()
        check_all(
            lambda: validate_discount(self.kind, self.value),
            lambda: validate_window(
                self.starts_at, self.ends_at, start_field="starts_at", end_field="ends_at"
            ),
        )

    def get_preview_template(self, request, mode_name):
        return "catalogue/promotion_preview.html"

    def get_preview_context(self, request, mode_name):
        from catalogue.pricing.previews import promotion_preview_context

        context = super().get_preview_context(request, mode_name)
        context.update(promotion_preview_context(self))
        return context


def normalise_code(raw) -> str:
    """A voucher code as stored: letters and digits upper-cased, spaces and dashes dropped.

    Shoppers type codes from emails and posters: " summer-10 " is SUMMER10.
    Anything else (punctuation, non-ASCII, over-long input) gives "", which matches no voucher.
    """
    text = str(raw if raw is not None else "")
    text = "".join(ch for ch in text if ch not in " \t\r\n-_").upper()
    if not text or len(text) > Voucher.CODE_MAX_LENGTH or not (text.isascii() and text.isalnum()):
        return ""
    return text


class Voucher(models.Model):
    """A discount code for a whole order, with limits per customer and in total."""

    CODE_MAX_LENGTH = 32

    code = models.CharField(
        max_length=CODE_MAX_LENGTH,
        unique=True,
        help_text="Letters and digits; shoppers may type it in any case, with spaces or dashes.",
    )
    description = models.CharField(max_length=200, blank=True, help_text="For staff.")
    kind = models.CharField(max_length=8, choices=DiscountKind.choices, default=DiscountKind.PERCENT)
    value = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    minimum_subtotal = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True, help_text="Empty: any order."
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    max_uses = models.PositiveIntegerField(null=True, blank=True, help_text="Empty: no limit in total.")
    max_uses_per_customer = models.PositiveIntegerField(
        null=True, blank=True, default=1, help_text="Empty: no limit per customer (by account or email)."
    )
    # Live data, changed only by catalogue.pricing.vouchers.voucher_redeem (a conditional update).
    times_used = models.PositiveIntegerField(default=0, editable=False)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("active")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("value"), FieldPanel("minimum_subtotal")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="Valid"),
        FieldRowPanel([FieldPanel("max_uses"), FieldPanel("max_uses_per_customer")], heading="Limits"),
    ]

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_uses__isnull=True) | models.Q(times_used__lte=models.F("max_uses")),
                name="voucher_never_overused",
            )
        ]

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        self.code = normalise_code(self.code)
        if not self.code:
            raise ValidationError({"code": "Use letters and digits only (up to 32)."})
        check_all(
            lambda: validate_discount(self.kind, self.value),
            lambda: validate_window(
                self.starts_at, self.ends_at, start_field="starts_at", end_field="ends_at"
            ),
        )

    @property
    def uses_left(self) -> int | None:
        return None if self.max_uses is None else max(0, self.max_uses - self.times_used)

    def is_current(self, at=None) -> bool:
        at = at or timezone.now()
        return (self.starts_at is None or self.starts_at <= at) and (
            self.ends_at is None or at < self.ends_at
        )


class VoucherRedemption(models.Model):
    """One use of a voucher, by one order: the per-customer limit counts these."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="redemptions")
    order = models.OneToOneField(
        "catalogue.Order", on_delete=models.CASCADE, related_name="voucher_redemption"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    email = models.EmailField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.voucher_id} on {self.order_id}"
