"""Account writes: creating a shopper's account is the one rule-bearing step."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

User = get_user_model()


class EmailTakenError(Exception):
    """An account with this email address already exists."""


def user_sign_up(*, email: str, password: str, first_name: str = "", last_name: str = "") -> User:
    """Create a shopper account with no admin rights; the manager normalises the email."""
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email, password=password, first_name=first_name, last_name=last_name
            )
    except IntegrityError as exc:
        # Two sign-ups racing past the form's uniqueness check meet the unique index.
        raise EmailTakenError(email) from exc
