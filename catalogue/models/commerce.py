"""Carts, orders and the stock ledger: operational data written only by catalogue.services."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.countries import country_name


class Cart(models.Model):
    """A shopper's basket: keyed by the signed-in user, or by the anonymous session."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="cart"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Cart {self.pk}"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey("catalogue.ProductPage", on_delete=models.CASCADE, related_name="+")
    # Set for a product sold by variant; the line then buys that variant's stock.
    variant = models.ForeignKey(
        "catalogue.ProductVariant", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    quantity = models.PositiveIntegerField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            # NULLs never collide in a unique index, so each case has its own.
            models.UniqueConstraint(
                fields=["cart", "product"], condition=models.Q(variant=None), name="one_line_per_product"
            ),
            models.UniqueConstraint(
                fields=["cart", "variant"],
                condition=models.Q(variant__isnull=False),
                name="one_line_per_variant",
            ),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="cart_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"

    @property
    def unit_price(self) -> Decimal:
        """What one unit costs now, from the one pricing service."""
        from catalogue.pricing import price_for

        if self.variant_id:
            # The line's own product stands in for variant.page, which would cost a query per line.
            self.variant.page = self.product
            return price_for(self.product, self.variant).amount
        return price_for(self.product).amount

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def sku(self) -> str:
        return self.variant.sku if self.variant_id else self.product.sku

    @property
    def stock(self) -> int:
        """What this line can take from: the variant's shelf, or the product's."""
        return self.variant.stock if self.variant_id else self.product.stock


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending payment")
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    # Orders point at shoppers, not at content, so Wagtail's reference index (an image's or a
    # page's "used by") gains nothing from them; listing them in the admin would otherwise
    # index every order, two index updates per checkout.
    wagtail_reference_index_ignore = True

    number = models.CharField(max_length=32, unique=True, editable=False)
    # The confirmation URL carries this, never the guessable number.
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    session_key = models.CharField(max_length=64, blank=True, editable=False)
    email = models.EmailField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)

    full_name = models.CharField(max_length=200)
    phone = models.CharField(max_length=32, blank=True)
    address_line1 = models.CharField("address", max_length=200)
    address_line2 = models.CharField("address (line 2)", max_length=200, blank=True)
    city = models.CharField(max_length=100)
    postcode = models.CharField(max_length=20)
    country = models.CharField(max_length=2)

    shipping_method = models.CharField(max_length=32)
    shipping_cost = models.DecimalField(max_digits=10, decimal_places=2)
    payment_method = models.CharField(max_length=32)
    subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    # Order-level discount (a voucher); per-unit promotions are already in the lines' prices.
    discount_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    voucher_code = models.CharField(max_length=32, blank=True)
    tax_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    # Whether the line prices had the tax in them (VAT) or the total adds it (sales tax).
    prices_include_tax = models.BooleanField(default=True)
    # subtotal - discount_total + shipping_cost (+ tax_total when prices exclude tax).
    total = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The outbox mark: set when a sender claims the confirmation email, cleared again
    # if sending fails. Orders without it are swept up by resend_unsent_confirmations.
    confirmation_sent_at = models.DateTimeField(
        "confirmation email sent", null=True, blank=True, editable=False
    )
    # Set by staff when they mark the order shipped; the shipping email links to it.
    tracking_url = models.URLField("tracking link", max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.number

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines.all())

    @property
    def country_name(self) -> str:
        """The stored ISO code, named for shoppers and staff (catalogue.countries)."""
        return country_name(self.country)


class OrderLine(models.Model):
    """What was bought, frozen at order time: later price or title edits must not rewrite history."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalogue.ProductPage", null=True, on_delete=models.SET_NULL, related_name="order_lines"
    )
    variant = models.ForeignKey(
        "catalogue.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )
    product_title = models.CharField(max_length=255)
    # The variant's options as they read when ordered ("Size: M, Colour: Blue"); empty without a variant.
    options = models.CharField(max_length=255, blank=True)
    sku = models.CharField(max_length=64)
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField()
    line_total = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.product_title}"


class OrderTaxLine(models.Model):
    """The tax an order carries at one rate, as charged: invoices list these."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="tax_lines")
    tax_class = models.CharField(max_length=32)
    label = models.CharField(max_length=100)
    rate = models.DecimalField(max_digits=5, decimal_places=2, help_text="Percent.")
    base = models.DecimalField(max_digits=12, decimal_places=2, help_text="The net amount taxed.")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    on_shipping = models.BooleanField(default=False, help_text="The shipping charge's tax, not the goods'.")

    class Meta:
        # The goods' lines by rate, then the shipping's.
        ordering = ["on_shipping", "-rate", "pk"]

    def __str__(self):
        return f"{self.label} {self.rate}%: {self.amount}"


class OrderStatusChange(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The outbox mark of the email this change sends the shopper (paid, shipped,
    # cancelled), claimed like Order.confirmation_sent_at: it goes out once.
    email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"


class StockMovement(models.Model):
    """One line of the stock ledger: every change to ProductPage.stock (or a variant's) is recorded here.

    For a variant, ``stock_after`` is the variant's stock; the product's is their sum.
    """

    class Reason(models.TextChoices):
        ORDER = "order", _("Sold")
        CANCELLATION = "cancellation", _("Order cancelled")
        ADJUSTMENT = "adjustment", _("Manual adjustment")

    product = models.ForeignKey(
        "catalogue.ProductPage", on_delete=models.CASCADE, related_name="stock_movements"
    )
    variant = models.ForeignKey(
        "catalogue.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stock_movements",
    )
    change = models.IntegerField()
    stock_after = models.PositiveIntegerField()
    reason = models.CharField(max_length=16, choices=Reason.choices)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # Who may use the admin's "Adjust stock" (catalogue.admin_views.stock).
        permissions = [("adjust_stock", "Can adjust stock")]

    def __str__(self):
        return f"{self.change:+d} {self.product_id} ({self.reason})"
