"""Demo accounts, one per role, so a newcomer can try the shop and the admin as each kind of user."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

DEMO_PASSWORD = "demo-pass-123"

# The role groups (Editors, Moderators, Marketers) and their permissions come from
# home/migrations/0006_editorial_groups.py and 0009 (content and stock permissions);
# demo accounts only join them.


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: str
    is_staff: bool = False
    is_superuser: bool = False
    group: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount(
        "admin@example.com", "Ada", "Admin", "Superuser: everything", is_staff=True, is_superuser=True
    ),
    DemoAccount(
        "editor@example.com", "Eddie", "Editor", "Editor: writes pages", is_staff=True, group="Editors"
    ),
    DemoAccount(
        "moderator@example.com",
        "Mo",
        "Moderator",
        "Moderator: approves, publishes, adjusts stock",
        is_staff=True,
        group="Moderators",
    ),
    DemoAccount(
        "marketer@example.com",
        "Marta",
        "Marketer",
        "Marketer: SEO fields, promotions, redirects",
        is_staff=True,
        group="Marketers",
    ),
    DemoAccount("shopper@example.com", "Sam", "Shopper", "Shopper: browses and buys"),
]


@transaction.atomic
def ensure_demo_account(account: DemoAccount, password_hash: str):
    """Create the account, or bring an existing one back to its demo role and password."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=account.email).first() or User(email=account.email)
    user.first_name = account.first_name
    user.last_name = account.last_name
    user.is_staff = account.is_staff
    user.is_superuser = account.is_superuser
    user.is_active = True
    user.password = password_hash
    user.save()
    if account.group:
        user.groups.set([Group.objects.get(name=account.group)])
    else:
        user.groups.clear()
    return user


def demo_password_hash() -> str:
    # Hashing once and sharing the result keeps a re-run quick (PBKDF2 is slow on
    # purpose); the accounts share one public password anyway, so a shared salt
    # gives nothing away.
    return make_password(DEMO_PASSWORD)
