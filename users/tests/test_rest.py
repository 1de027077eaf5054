"""Account endpoints of the storefront API: sign-up, sign-in with the shop's lockout, sign-out, profile."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from catalogue.models import Cart
from catalogue.tests.fixtures import add_product
from users.factories import DEFAULT_PASSWORD, UserFactory

LOGIN = "/api/v1/auth/login/"


def log_in(api, email, password, address="203.0.113.7"):
    return api.post(LOGIN, {"email": email, "password": password}, format="json", REMOTE_ADDR=address)


@pytest.mark.django_db
def test_sign_up_creates_the_account_and_signs_in():
    api = APIClient()
    response = api.post(
        "/api/v1/auth/signup/",
        {"email": "New@Example.com", "password": DEFAULT_PASSWORD, "first_name": "Ann", "last_name": "Baker"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["user"]["email"] == "new@example.com"
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api.get("/api/v1/account/profile/").json()["first_name"] == "Ann"


@pytest.mark.django_db
def test_sign_up_applies_the_password_validators_and_the_unique_email():
    UserFactory(email="taken@example.com")
    api = APIClient()
    weak = api.post(
        "/api/v1/auth/signup/",
        {"email": "ann@example.com", "password": "123", "first_name": "Ann", "last_name": "B"},
        format="json",
    )
    assert weak.status_code == 400 and "password" in weak.json()["error"]["fields"]
    taken = api.post(
        "/api/v1/auth/signup/",
        {"email": "TAKEN@example.com", "password": DEFAULT_PASSWORD, "first_name": "A", "last_name": "B"},
        format="json",
    )
    assert taken.status_code == 409
    assert taken.json()["error"] == {
        "status": 409,
        "code": "email_taken",
        "message": "A user with that email address already exists.",
    }


@pytest.mark.django_db
def test_a_wrong_password_is_a_401_with_the_login_forms_message():
    UserFactory(email="ann@example.com")
    response = log_in(APIClient(), "ann@example.com", "wrong")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response.json()["error"]["message"].startswith("Please enter a correct email")


@pytest.mark.django_db
def test_a_guessing_address_is_locked_out_but_the_owner_elsewhere_is_not(settings):
    settings.LOGIN_THROTTLE_PER_PAIR = 3
    UserFactory(email="victim@example.com")
    attacker = APIClient()
    for _ in range(3):
        log_in(attacker, "victim@example.com", "guess", address="198.51.100.9")
    locked = log_in(attacker, "victim@example.com", DEFAULT_PASSWORD, address="198.51.100.9")
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    owner = log_in(APIClient(), "victim@example.com", DEFAULT_PASSWORD, address="203.0.113.50")
    assert owner.status_code == 200


@pytest.mark.django_db
def test_signing_in_merges_the_token_cart_into_the_account_cart(knives):
    product = add_product(knives, image=False, stock=10)
    user = UserFactory(email="ann@example.com")
    api = APIClient()
    token = api.post("/api/v1/cart/lines/", {"product_id": product.pk, "quantity": 2}, format="json").json()[
        "token"
    ]
    api.post(
        LOGIN,
        {"email": "ann@example.com", "password": DEFAULT_PASSWORD},
        format="json",
        HTTP_X_CART_TOKEN=token,
    )
    assert Cart.objects.get(user=user).lines.get().quantity == 2
    assert not Cart.objects.filter(user=None).exists()


@pytest.mark.django_db
def test_sign_out_revokes_the_token():
    UserFactory(email="ann@example.com")
    api = APIClient()
    token = log_in(api, "ann@example.com", DEFAULT_PASSWORD).json()["token"]
    app = APIClient()
    app.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert app.post("/api/v1/auth/logout/").status_code == 204
    assert not Token.objects.filter(key=token).exists()
    assert app.get("/api/v1/account/profile/").status_code == 401


@pytest.mark.django_db
def test_profile_changes_follow_the_profile_form():
    user = UserFactory(first_name="Ann")
    api = APIClient()
    api.force_authenticate(user)
    changed = api.patch("/api/v1/account/profile/", {"phone": "+44 117 496 0000"}, format="json")
    assert changed.json()["phone"] == "+44 117 496 0000"
    user.refresh_from_db()
    assert (user.first_name, user.phone) == ("Ann", "+44 117 496 0000")
    too_long = api.patch("/api/v1/account/profile/", {"bio": "x" * 501}, format="json")
    assert too_long.status_code == 400


@pytest.mark.django_db
def test_the_profile_is_private():
    response = APIClient().get("/api/v1/account/profile/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
