"""Card payments, one row per attempt, on django-payments' model (docs/payments.md).

An order is paid by card through one or more attempts: a rejected or abandoned attempt
stays as it is, and the next try opens a new one. Only the gateway's verified callback
moves an attempt on (catalogue.services.payments).
"""

from urllib.parse import urljoin

from django.db import models
from django.urls import reverse
from payments import PurchasedItem
from payments.core import get_base_url
from payments.models import BasePayment


class Payment(BasePayment):
    order = models.ForeignKey("catalogue.Order", on_delete=models.PROTECT, related_name="payments")
    # Opened through the storefront API for an app, which has no session: the gateway sends
    # the shopper back to this attempt's own page (by token), not to the session's order pages.
    opened_by_api = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["token"], name="payment_token_idx")]

    def __str__(self):
        return f"{self.variant} payment for {self.order_id} ({self.status})"

    # Gateways need absolute URLs: the shopper comes back from another site.
    def get_process_url(self) -> str:
        return reverse("catalogue:payment_callback", kwargs={"token": self.token})

    def get_success_url(self) -> str:
        if self.opened_by_api:
            return self.get_hand_off_url()
        return urljoin(get_base_url(), reverse("catalogue:order_confirmation", args=[self.order.reference]))

    def get_failure_url(self) -> str:
        if self.opened_by_api:
            return self.get_hand_off_url()
        return urljoin(get_base_url(), reverse("catalogue:order_pay", args=[self.order.reference]))

    def get_hand_off_url(self) -> str:
        """This attempt's payment page, which needs no session: the API hands it to apps."""
        return urljoin(get_base_url(), reverse("catalogue:payment_hand_off", kwargs={"token": self.token}))

    def get_purchased_items(self):
        for line in self.order.lines.all():
            yield PurchasedItem(
                name=line.product_title,
                sku=line.sku,
                quantity=line.quantity,
                price=line.unit_price,
                currency=self.currency,
            )
