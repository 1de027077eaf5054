"""Back-in-stock alerts: a shopper's (or a guest's) request to hear once when a sold-out shelf returns.

A subscription watches one shelf: a variant, or a product sold without variants. It is
its own outbox row: ``notified_at`` stays empty until a sender claims the email with a
conditional UPDATE (catalogue.services.stock_alerts), so the alert goes out once however
many workers race for it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class BackInStockSubscription(models.Model):
    product = models.ForeignKey(
        "catalogue.ProductPage", on_delete=models.CASCADE, related_name="stock_alert_subscriptions"
    )
    # Empty for a product sold without variants; a product with variants is watched by variant.
    variant = models.ForeignKey(
        "catalogue.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stock_alert_subscriptions",
    )
    # Kept lower-cased, so one address asking twice is one subscription.
    email = models.EmailField(max_length=254)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # The unsubscribe link's secret: random, so one address's link says nothing of another's.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "back-in-stock alert"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "email"],
                condition=Q(variant__isnull=False),
                name="stock_alert_one_per_variant_email",
            ),
            models.UniqueConstraint(
                fields=["product", "email"],
                condition=Q(variant__isnull=True),
                name="stock_alert_one_per_product_email",
            ),
        ]
        indexes = [
            # The notifier's question: who still waits for this shelf?
            models.Index(
                fields=["product", "variant"],
                condition=Q(notified_at__isnull=True),
                name="stock_alert_pending",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.variant or self.product}"

    @property
    def shelf(self):
        """What the subscriber waits for: the variant, else the product."""
        return self.variant if self.variant_id else self.product
