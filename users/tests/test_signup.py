import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

User = get_user_model()

SIGNUP_URL = reverse("users:signup")
STRONG = "plum-Orchard-47-lantern"


def signup_data(**overrides):
    data = {
        "email": "nia@example.com",
        "first_name": "Nia",
        "last_name": "Ng",
        "password1": STRONG,
        "password2": STRONG,
    }
    return data | overrides


@pytest.mark.django_db
def test_signup_page_is_an_accessible_form(client):
    html = client.get(SIGNUP_URL).content.decode()

    assert 'name="csrfmiddlewaretoken"' in html
    for field in ("email", "first_name", "last_name", "password1", "password2"):
        assert f'<label for="id_{field}"' in html
    assert "coming soon" not in html.lower()


@pytest.mark.django_db
def test_signup_creates_account_signs_in_and_welcomes(client):
    response = client.post(SIGNUP_URL, signup_data(email="Nia@Example.com"), follow=True)

    user = User.objects.get(email="nia@example.com")
    assert (user.first_name, user.last_name) == ("Nia", "Ng")
    assert user.check_password(STRONG)
    assert response.redirect_chain[-1][0] == reverse("users:dashboard")
    assert response.context["user"] == user
    assert "Your account is ready" in response.content.decode()


@pytest.mark.django_db
def test_signup_follows_a_safe_next_but_not_an_offsite_one(client):
    safe = client.post(SIGNUP_URL, signup_data(next="/catalogue/"))
    assert safe["Location"] == "/catalogue/"

    client.logout()
    hostile = client.post(SIGNUP_URL, signup_data(email="other@example.com", next="https://evil.example/"))
    assert hostile["Location"] == reverse("users:dashboard")


@pytest.mark.django_db
def test_signup_refuses_an_existing_email_in_another_case(client, shopper):
    response = client.post(SIGNUP_URL, signup_data(email="SHOPPER@Example.COM"))

    assert response.status_code == 200
    assert "already exists" in str(response.context["form"].errors["email"])
    assert User.objects.filter(email__iexact="shopper@example.com").count() == 1
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signup_refuses_mismatched_passwords(client):
    response = client.post(SIGNUP_URL, signup_data(password2=STRONG + "x"))

    assert response.context["form"].has_error("password2", "password_mismatch")
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short1", "password_too_short"),
        ("password123", "password_too_common"),
        ("39418275604", "password_entirely_numeric"),
    ],
)
def test_signup_refuses_weak_passwords(client, password, code):
    response = client.post(SIGNUP_URL, signup_data(password1=password, password2=password))

    assert response.context["form"].has_error("password2", code)
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_refuses_a_password_like_the_email(client):
    response = client.post(
        SIGNUP_URL,
        signup_data(
            email="lanternorchard@example.com", password1="lanternorchard", password2="lanternorchard"
        ),
    )

    assert response.context["form"].has_error("password2", "password_too_similar")


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["", "not-an-email"])
def test_signup_refuses_missing_or_malformed_email(client, email):
    response = client.post(SIGNUP_URL, signup_data(email=email))

    assert response.context["form"].has_error("email")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_ignores_attempts_to_grant_admin_rights(client):
    client.post(SIGNUP_URL, signup_data(is_staff="on", is_superuser="on"))

    user = User.objects.get(email="nia@example.com")
    assert not user.is_staff and not user.is_superuser


@pytest.mark.django_db
def test_signup_requires_csrf_token():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(SIGNUP_URL, signup_data())

    assert response.status_code == 403
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signed_in_shopper_is_sent_from_signup_to_profile(client, shopper):
    client.force_login(shopper)

    assert client.get(SIGNUP_URL)["Location"] == reverse("users:dashboard")
