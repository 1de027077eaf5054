"""Every account page is the visitor's own: no shared cache may keep it."""

import pytest
from django.urls import reverse

from users.factories import DEFAULT_PASSWORD, UserFactory

SIGNED_OUT_PAGES = [
    "users:signup",
    "users:login",
    "users:password_reset",
    "users:password_reset_done",
    "users:password_reset_complete",
]
SIGNED_IN_PAGES = ["users:dashboard", "users:profile", "users:password_change", "users:password_change_done"]


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def assert_private_twice(client, url, method="get"):
    """Private both times: the second request is the one a page cache would have answered."""
    for _ in range(2):
        response = getattr(client, method)(url)
        assert {"private", "no-store"} <= directives(response), url
        assert "X-Page-Cache" not in response


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.mark.django_db
@pytest.mark.parametrize("name", SIGNED_OUT_PAGES)
def test_signed_out_account_pages_are_private(client, name):
    assert_private_twice(client, reverse(name))


@pytest.mark.django_db
def test_the_password_reset_link_page_is_private(client):
    url = reverse("users:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "set-password"})

    assert_private_twice(client, url)


@pytest.mark.django_db
@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_account_pages_are_private(client, name):
    client.force_login(UserFactory())

    assert_private_twice(client, reverse(name))


@pytest.mark.django_db
def test_signing_in_and_out_answers_are_private(client):
    user = UserFactory()
    signed_in = client.post(reverse("users:login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    signed_out = client.post(reverse("users:logout"))

    assert signed_in.status_code == signed_out.status_code == 302
    assert "private" in directives(signed_in) and "private" in directives(signed_out)


@pytest.mark.django_db
def test_the_admin_login_page_is_private(client):
    assert_private_twice(client, reverse("wagtailadmin_login"))
