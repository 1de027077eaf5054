"""Voucher codes: finding one a shopper typed, checking it is theirs to use, and redeeming it.

Redeeming is race-safe without a lock held across the checkout: one conditional UPDATE
takes a use only while uses are left (``times_used < max_uses``), and the row lock it
leaves until commit makes the per-customer count that follows see every earlier
redemption of the same voucher. Any refusal raises VoucherError, so order_place's
transaction rolls back, use and all.
"""

from datetime import datetime
from decimal import Decimal

from django.db.models import F, Q
from django.utils import timezone

from catalogue.models import Voucher, VoucherRedemption
from catalogue.models.promotions import normalise_code
from catalogue.services.errors import ShopError

from .tax import to_cents


class VoucherError(ShopError):
    """A voucher code that cannot be used; the message is for the shopper."""


def _customer(user, email: str) -> Q:
    who = Q(email__iexact=email.strip()) if email else Q(pk__in=[])
    if user is not None and getattr(user, "is_authenticated", False):
        who |= Q(user=user)
    return who


def voucher_find(raw_code, *, at: datetime | None = None) -> Voucher:
    """The voucher a shopper typed, if it can be used at all right now."""
    code = normalise_code(raw_code)
    voucher = Voucher.objects.filter(code=code).first() if code else None
    shown = str(raw_code or "").strip()[:40]
    if voucher is None or not voucher.active:
        raise VoucherError(f"Sorry, “{shown}” is not a voucher code we know.")
    at = at or timezone.now()
    if voucher.starts_at and at < voucher.starts_at:
        raise VoucherError(f"The code {voucher.code} cannot be used yet.")
    if voucher.ends_at and at >= voucher.ends_at:
        raise VoucherError(f"The code {voucher.code} has expired.")
    if voucher.uses_left == 0:
        raise VoucherError(f"The code {voucher.code} has been used up.")
    return voucher


def voucher_check(voucher: Voucher, *, subtotal: Decimal, user=None, email: str = "") -> Voucher:
    """Refuse a voucher this order or customer may not use (minimum spend, their own limit)."""
    if voucher.minimum_subtotal is not None and subtotal < voucher.minimum_subtotal:
        from home.money import format_money

        raise VoucherError(
            f"The code {voucher.code} needs an order of at least {format_money(to_cents(voucher.minimum_subtotal))}."
        )
    limit = voucher.max_uses_per_customer
    if limit is not None and (email or user is not None):
        used = VoucherRedemption.objects.filter(_customer(user, email), voucher=voucher).count()
        if used >= limit:
            raise VoucherError(f"You have already used the code {voucher.code}.")
    return voucher


def voucher_redeem(*, voucher: Voucher, order, user=None, email: str = "") -> VoucherRedemption:
    """Take one use of ``voucher`` for ``order``; call inside the order's transaction."""
    taken = (
        Voucher.objects.filter(pk=voucher.pk, active=True)
        .filter(Q(max_uses__isnull=True) | Q(times_used__lt=F("max_uses")))
        .update(times_used=F("times_used") + 1)
    )
    if not taken:
        raise VoucherError(f"Sorry, the code {voucher.code} has just been used up.")
    # The UPDATE holds the voucher row until commit: a concurrent redemption waits here,
    # and counts this one once we commit.
    voucher_check(voucher, subtotal=order.subtotal, user=user, email=email)
    return VoucherRedemption.objects.create(
        voucher=voucher,
        order=order,
        user=user if user is not None and user.is_authenticated else None,
        email=email.strip().lower(),
    )
