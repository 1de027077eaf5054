"""Sending a rendered email, and queueing senders on Celery with the broker-down fallback."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from kombu.exceptions import OperationalError as BrokerError

from catalogue.emails.rendering import render_email

logger = logging.getLogger(__name__)


def email_send(kind: str, *, to: str, values: dict[str, str], context: dict) -> None:
    """Render `kind` and send it as text with an HTML alternative; OSError propagates (retry)."""
    email = render_email(kind, values=values, context=context)
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    message.attach_alternative(email.html, "text/html")
    message.send()


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
