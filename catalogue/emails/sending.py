"""Sending a rendered email, claiming it from its outbox row once, and queueing senders on Celery with the broker-down fallback."""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import QuerySet
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from catalogue.emails.rendering import render_email

logger = logging.getLogger(__name__)


def email_send(
    kind: str,
    *,
    to: str,
    values: dict[str, str],
    context: dict,
    headers: dict[str, str] | None = None,
    wording=None,
) -> None:
    """Render `kind` and send it as text with an HTML alternative; OSError propagates (retry).

    ``wording`` (an EmailTemplate, maybe unsaved) spares the lookup when one task sends many.
    """
    email = render_email(kind, values=values, context=context, wording=wording)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(email.html, "text/html")
    message.send()


def claim_and_send(row: QuerySet, *, sent_at: str, send: Callable[[], None]) -> bool:
    """Send one outbox email unless some sender already has; True if this call sent it.

    ``row`` selects the outbox row (and any condition it must meet); ``sent_at`` names its
    empty-until-sent time field. The claim is a conditional UPDATE that only one racing
    sender (the Celery task, its retries, the request when the broker is down, a sweep)
    can match, and it is committed before the email goes out. If ``send`` raises, only
    this call's own claim is released, so a retry or the sweep may try again, and the
    error propagates (Celery retries OSError). A crash between the claim and the hand-over
    to the mail server leaves the row marked but unsent: that window is one round trip.
    """
    claimed_at = timezone.now()
    if not row.filter(**{f"{sent_at}__isnull": True}).update(**{sent_at: claimed_at}):
        return False
    try:
        send()
    except Exception:
        row.filter(**{sent_at: claimed_at}).update(**{sent_at: None})
        raise
    return True


def enqueue_or_send(task, *args) -> None:
    """Queue `task`; if the broker is unreachable, run it in this request instead.

    Call it from transaction.on_commit, so nothing goes out for a rolled-back change. A
    send that fails here is logged: an outbox sweep (where the task has one) retries it.
    """
    try:
        task.delay(*args)
    except BrokerError:
        logger.warning("Broker unavailable; running %s%r synchronously", task.name, args)
        try:
            task(*args)
        except OSError:
            logger.exception("Could not run %s%r; its sweep, if any, will retry", task.name, args)
