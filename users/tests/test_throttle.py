"""Failed sign-ins slow guessing at both doors, and a stranger cannot lock the owner out."""

import logging

import pytest
from django.core.cache import cache, caches
from django.urls import reverse
from django_redis.cache import RedisCache

from mysite.tests.conftest import UNREACHABLE_REDIS
from users.factories import DEFAULT_PASSWORD, UserFactory

LOCKED = "Too many failed sign-in attempts"
SHOP_LOGIN = reverse("users:login")
ADMIN_LOGIN = reverse("wagtailadmin_login")
OWNER_ADDRESS = "198.51.100.7"
STRANGER = "203.0.113.66"
BOTH_DOORS = pytest.mark.parametrize("url", [SHOP_LOGIN, ADMIN_LOGIN], ids=["shop", "admin"])


def fail(client, url, email, times, address=STRANGER, **extra):
    for _ in range(times):
        response = client.post(
            url, {"username": email, "password": "wrong-password"}, REMOTE_ADDR=address, **extra
        )
        assert response.status_code == 200


def sign_in(client, url, email, address, **extra):
    return client.post(url, {"username": email, "password": DEFAULT_PASSWORD}, REMOTE_ADDR=address, **extra)


def signed_in(response) -> bool:
    return response.status_code == 302 and LOCKED not in response.content.decode()


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@example.com", superuser=True)


@pytest.mark.django_db
@BOTH_DOORS
def test_one_address_guessing_one_account_is_refused_even_with_the_right_password(client, owner, url):
    fail(client, url, owner.email, 5)

    response = sign_in(client, url, owner.email, STRANGER)

    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@BOTH_DOORS
def test_the_owner_signs_in_from_their_own_address_while_a_stranger_is_locked_out(client, owner, url):
    fail(client, url, owner.email, 5, address=STRANGER)
    assert LOCKED in sign_in(client, url, owner.email, STRANGER).content.decode()

    assert signed_in(sign_in(client, url, owner.email, OWNER_ADDRESS))
    assert client.session["_auth_user_id"] == str(owner.pk)


@pytest.mark.django_db
@BOTH_DOORS
def test_many_addresses_hammering_an_account_never_lock_the_owner_out(client, owner, url):
    for n in range(12):
        fail(client, url, owner.email, 5, address=f"203.0.113.{n}")

    assert signed_in(sign_in(client, url, owner.email, OWNER_ADDRESS))


@pytest.mark.django_db
def test_an_account_under_attack_gives_each_new_address_fewer_guesses(client, owner, settings):
    for n in range(settings.LOGIN_THROTTLE_ACCOUNT_UNDER_ATTACK // 5):
        fail(client, SHOP_LOGIN, owner.email, 5, address=f"203.0.113.{n}")
    fresh = "192.0.2.200"

    fail(client, SHOP_LOGIN, owner.email, settings.LOGIN_THROTTLE_PER_PAIR_UNDER_ATTACK, address=fresh)

    assert LOCKED in sign_in(client, SHOP_LOGIN, owner.email, fresh).content.decode()
    # The owner's address has made no failures, so even its smaller allowance is whole.
    assert signed_in(sign_in(client, SHOP_LOGIN, owner.email, OWNER_ADDRESS))


@pytest.mark.django_db
def test_other_accounts_on_the_same_address_are_not_locked_with_one(client, owner):
    other = UserFactory(email="other@example.com")
    fail(client, SHOP_LOGIN, owner.email, 5, address=OWNER_ADDRESS)

    assert signed_in(sign_in(client, SHOP_LOGIN, other.email, OWNER_ADDRESS))


@pytest.mark.django_db
def test_the_lockout_lifts_with_the_window(client, owner):
    fail(client, SHOP_LOGIN, owner.email, 5)
    assert LOCKED in sign_in(client, SHOP_LOGIN, owner.email, STRANGER).content.decode()

    cache.clear()  # the window passing

    assert signed_in(sign_in(client, SHOP_LOGIN, owner.email, STRANGER))


@pytest.mark.django_db
def test_success_resets_the_count_for_its_own_address(client, owner):
    fail(client, SHOP_LOGIN, owner.email, 4, address=OWNER_ADDRESS)
    assert signed_in(sign_in(client, SHOP_LOGIN, owner.email, OWNER_ADDRESS))
    client.logout()

    fail(client, SHOP_LOGIN, owner.email, 4, address=OWNER_ADDRESS)

    assert signed_in(sign_in(client, SHOP_LOGIN, owner.email, OWNER_ADDRESS))


@pytest.mark.django_db
@BOTH_DOORS
def test_one_address_spraying_many_accounts_is_refused(client, owner, url, settings):
    for n in range(settings.LOGIN_THROTTLE_PER_ADDRESS):
        fail(client, url, f"victim{n}@example.com", 1)

    response = sign_in(client, url, owner.email, STRANGER)

    assert LOCKED in response.content.decode()
    # Only that address: the owner elsewhere is not affected.
    assert signed_in(sign_in(client, url, owner.email, OWNER_ADDRESS))


@pytest.mark.django_db
def test_signing_in_to_ones_own_account_does_not_reset_a_spraying_address(client, owner, settings):
    sprayer = UserFactory(email="sprayer@example.com")
    for n in range(settings.LOGIN_THROTTLE_PER_ADDRESS - 1):
        fail(client, SHOP_LOGIN, f"victim{n}@example.com", 1)
    assert signed_in(sign_in(client, SHOP_LOGIN, sprayer.email, STRANGER))
    client.logout()

    fail(client, SHOP_LOGIN, "one-more@example.com", 1)

    assert LOCKED in sign_in(client, SHOP_LOGIN, sprayer.email, STRANGER).content.decode()


@pytest.mark.django_db
def test_a_client_supplied_forwarded_for_header_is_ignored_by_default(client, owner):
    for n in range(3):
        fail(client, SHOP_LOGIN, owner.email, 2, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    response = sign_in(client, SHOP_LOGIN, owner.email, STRANGER, HTTP_X_FORWARDED_FOR="10.0.0.99")

    assert LOCKED in response.content.decode()


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_client_is_the_address_it_appended(client, owner, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    # The stranger writes their own X-Forwarded-For; the proxy appends the real address.
    for n in range(3):
        fail(
            client, SHOP_LOGIN, owner.email, 2, address=proxy, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, {STRANGER}"
        )

    stranger = sign_in(client, SHOP_LOGIN, owner.email, proxy, HTTP_X_FORWARDED_FOR=f"10.9.9.9, {STRANGER}")
    owner_at_home = sign_in(client, SHOP_LOGIN, owner.email, proxy, HTTP_X_FORWARDED_FOR=OWNER_ADDRESS)

    assert LOCKED in stranger.content.decode()
    assert signed_in(owner_at_home)


@pytest.mark.django_db
def test_addresses_in_one_ipv6_64_count_as_one(client, owner):
    for n in range(5):
        fail(client, SHOP_LOGIN, owner.email, 1, address=f"2001:db8:1:2::{n + 1:x}")

    in_same_64 = sign_in(client, SHOP_LOGIN, owner.email, "2001:db8:1:2:ffff::1")
    other_64 = sign_in(client, SHOP_LOGIN, owner.email, "2001:db8:1:3::1")

    assert LOCKED in in_same_64.content.decode()
    assert signed_in(other_64)


@pytest.mark.django_db
def test_the_locked_out_message_names_the_window(client, owner, settings):
    settings.LOGIN_THROTTLE_WINDOW = 5 * 60
    fail(client, SHOP_LOGIN, owner.email, 5)

    html = sign_in(client, SHOP_LOGIN, owner.email, STRANGER).content.decode()

    assert "Please wait 5 minutes" in html


@pytest.fixture
def unreachable_cache(settings):
    settings.CACHES = UNREACHABLE_REDIS
    assert isinstance(caches["default"], RedisCache)


@pytest.mark.django_db
@BOTH_DOORS
def test_with_the_cache_down_sign_in_is_unthrottled_and_logged_never_an_error(
    client, owner, url, unreachable_cache, caplog
):
    with caplog.at_level(logging.WARNING, logger="users.throttle"):
        fail(client, url, owner.email, 6)

    assert signed_in(sign_in(client, url, owner.email, STRANGER))
    throttle_warnings = [r for r in caplog.records if r.name == "users.throttle"]
    assert len(throttle_warnings) == 6
    assert "Sign-in throttle is off" in throttle_warnings[0].getMessage()
