"""Demo accounts, one per role, so a newcomer can try the shop and the admin as each kind of user."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction

DEMO_PASSWORD = "demo-pass-123"

# Wagtail's first migrations create the Editors and Moderators groups; marketers
# get a group of their own that can reach the admin and manage promoted search
# results and redirects, the SEO levers they own.
MARKETERS_GROUP = "Marketers"
MARKETER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtailsearchpromotions", "add_searchpromotion"),
    ("wagtailsearchpromotions", "change_searchpromotion"),
    ("wagtailsearchpromotions", "delete_searchpromotion"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]


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
        "Moderator: approves, publishes",
        is_staff=True,
        group="Moderators",
    ),
    DemoAccount(
        "marketer@example.com",
        "Marta",
        "Marketer",
        "Marketer: promotions, redirects",
        is_staff=True,
        group="Marketers",
    ),
    DemoAccount("shopper@example.com", "Sam", "Shopper", "Shopper: browses and buys"),
]


def ensure_marketers_group() -> Group:
    group, _ = Group.objects.get_or_create(name=MARKETERS_GROUP)
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in MARKETER_PERMISSIONS
    ]
    group.permissions.add(*permissions)
    return group


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
        group = (
            ensure_marketers_group()
            if account.group == MARKETERS_GROUP
            else Group.objects.get(name=account.group)
        )
        user.groups.set([group])
    else:
        user.groups.clear()
    return user


def demo_password_hash() -> str:
    # Hashing once and sharing the result keeps a re-run quick (PBKDF2 is slow on
    # purpose); the accounts share one public password anyway, so a shared salt
    # gives nothing away.
    return make_password(DEMO_PASSWORD)
