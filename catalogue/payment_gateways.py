"""The django-payments gateways the shop runs, each answering only through a verified callback.

`SignedDummyProvider` is the library's dummy gateway (its own form, where a developer
picks the outcome), except that the outcome comes back the way a real gateway's does:
as a callback carrying status, amount and currency under an HMAC signature. The
library's dummy instead lets anyone holding the payment's URL set its status with a
plain GET, which a shop must never take as payment.

`StripeProvider` is the library's Stripe Checkout provider; the webhook's signature is
checked by the library (stripe.Webhook), and the paid amount by us, against the order.
"""

import json
from decimal import Decimal, InvalidOperation

import stripe
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.crypto import constant_time_compare, salted_hmac
from payments import PaymentError, PaymentStatus, RedirectNeeded
from payments.dummy import DummyProvider
from payments.dummy.forms import DummyForm
from payments.stripe import StripeProviderV3

# The outcomes a callback may report; anything else is a forgery or a bug.
FINAL_STATUSES = {PaymentStatus.CONFIRMED, PaymentStatus.REJECTED}
OPEN_STATUSES = {PaymentStatus.WAITING, PaymentStatus.INPUT}

# Gateways that post every payment's webhook to one URL (/checkout/payments/webhooks/<variant>/).
WEBHOOK_VARIANTS = {"stripe"}

# What a callback that fails verification raises: each is answered with a 400.
VERIFICATION_ERRORS = (PaymentError, stripe.SignatureVerificationError, ValueError)


class SignedDummyProvider(DummyProvider):
    """The dummy gateway, calling back with a signed outcome like a redirect gateway does."""

    SALT = "catalogue.payment_gateways.SignedDummyProvider"

    def get_form(self, payment, data=None):
        if payment.status == PaymentStatus.WAITING:
            payment.change_status(PaymentStatus.INPUT)
        form = DummyForm(data=data, hidden_inputs=False, provider=self, payment=payment)
        if form.is_valid():
            status = form.cleaned_data["status"]
            if status not in FINAL_STATUSES:
                status = PaymentStatus.REJECTED
            raise RedirectNeeded(self.callback_url(payment, status=status))
        return form

    def callback_url(self, payment, *, status: str, amount: Decimal | None = None) -> str:
        """The gateway's signed return URL; `amount` other than the payment's is for tests of forgery."""
        fields = {
            "status": status,
            "amount": str(payment.total if amount is None else amount),
            "currency": payment.currency,
        }
        fields["signature"] = self.sign(payment.token, fields)
        return self.get_return_url(payment, fields)

    @classmethod
    def sign(cls, token: str, fields: dict) -> str:
        message = "|".join([token, fields["status"], fields["amount"], fields["currency"]])
        return salted_hmac(cls.SALT, message, algorithm="sha256").hexdigest()

    def process_data(self, payment, request):
        fields = {name: request.GET.get(name, "") for name in ("status", "amount", "currency")}
        if not constant_time_compare(request.GET.get("signature", ""), self.sign(payment.token, fields)):
            raise PaymentError("The callback's signature does not match.", code=400)
        if fields["status"] not in FINAL_STATUSES:
            raise PaymentError("The callback reports no outcome.", code=400)
        try:
            amount = Decimal(fields["amount"])
        except InvalidOperation as exc:
            raise PaymentError("The callback's amount is not a number.", code=400) from exc
        if amount != payment.total or fields["currency"] != payment.currency:
            raise PaymentError("The callback's amount is not the payment's.", code=400)
        # A replayed callback finds the attempt settled and changes nothing.
        if payment.status in OPEN_STATUSES:
            if fields["status"] == PaymentStatus.CONFIRMED:
                payment.captured_amount = amount
                payment.save(update_fields=["captured_amount"])
            payment.change_status(fields["status"])
        if payment.status == PaymentStatus.CONFIRMED:
            return HttpResponseRedirect(payment.get_success_url())
        return HttpResponseRedirect(payment.get_failure_url())


class StripeProvider(StripeProviderV3):
    """Stripe Checkout; a paid session must be for the payment's amount and currency."""

    def return_event_payload(self, request):
        # The library indexes into the event as it comes: anything but an event's shape
        # (a list, no session object) would surface as a 500 instead of a refusal.
        try:
            body = json.loads(request.body)
        except ValueError as exc:
            raise PaymentError("The webhook is not JSON.", code=400) from exc
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
            raise PaymentError("The webhook is not a Stripe event.", code=400)
        return super().return_event_payload(request)

    def process_data(self, payment, request):
        event = self.return_event_payload(request)
        session = (event.get("data") or {}).get("object") or {}
        if session.get("payment_status") == "paid":
            try:
                paid = Decimal(session.get("amount_total") or 0)
            except (InvalidOperation, TypeError) as exc:
                raise PaymentError("The session's amount is not a number.", code=400) from exc
            if paid != self.convert_amount(payment.currency, payment.total) or (
                str(session.get("currency", "")).lower() != payment.currency.lower()
            ):
                raise PaymentError("The session's amount is not the payment's.", code=400)
        # A replayed webhook for a settled attempt changes nothing.
        if payment.status not in OPEN_STATUSES:
            return JsonResponse({"status": "OK"})
        return super().process_data(payment, request)
