"""Account emails sent by Celery: the password reset link."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from catalogue.emails.kinds import shop_name
from catalogue.emails.sending import email_send


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset_email(self, user_id: str, protocol: str, domain: str) -> bool:
    """Email the account a fresh reset link; nothing if it was deleted or can no longer sign in."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    path = reverse(
        "users:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    email_send(
        "password_reset",
        to=user.email,
        values={"customer_name": user.first_name, "email": user.email, "shop_name": shop_name()},
        context={"reset_url": f"{protocol}://{domain}{path}"},
    )
    return True
