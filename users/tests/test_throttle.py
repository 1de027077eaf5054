"""Repeated failed sign-ins lock the door, for shoppers and for the admin alike."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from users.factories import DEFAULT_PASSWORD, UserFactory

LOCKED = "Too many failed sign-in attempts"


def fail(client, url, email, times):
    for _ in range(times):
        response = client.post(url, {"username": email, "password": "wrong-password"})
        assert response.status_code == 200


@pytest.mark.django_db
def test_shop_login_locks_after_five_failures_even_with_the_right_password(client):
    user = UserFactory(email="target@example.com")
    url = reverse("users:login")
    fail(client, url, user.email, 5)
    response = client.post(url, {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_locks_too(client):
    admin = UserFactory(email="boss@example.com", superuser=True)
    url = reverse("wagtailadmin_login")
    fail(client, url, admin.email, 5)
    response = client.post(url, {"username": admin.email, "password": DEFAULT_PASSWORD})
    assert LOCKED in response.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


@pytest.mark.django_db
def test_lockout_is_per_account_and_lifts_with_the_window(client):
    locked = UserFactory(email="locked@example.com")
    other = UserFactory(email="other@example.com")
    url = reverse("users:login")
    fail(client, url, locked.email, 5)
    assert client.post(url, {"username": other.email, "password": DEFAULT_PASSWORD}).status_code == 302
    client.logout()
    cache.clear()  # the window passing
    assert client.post(url, {"username": locked.email, "password": DEFAULT_PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_success_resets_the_count(client):
    user = UserFactory(email="forgetful@example.com")
    url = reverse("users:login")
    fail(client, url, user.email, 4)
    assert client.post(url, {"username": user.email, "password": DEFAULT_PASSWORD}).status_code == 302
    client.logout()
    fail(client, url, user.email, 4)
    assert client.post(url, {"username": user.email, "password": DEFAULT_PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_one_address_spraying_many_accounts_is_locked(client, settings):
    settings.LOGIN_THROTTLE_PER_ADDRESS = 6
    url = reverse("users:login")
    for n in range(6):
        fail(client, url, f"victim{n}@example.com", 1)
    user = UserFactory(email="real@example.com")
    response = client.post(url, {"username": user.email, "password": DEFAULT_PASSWORD})
    assert LOCKED in response.content.decode()
