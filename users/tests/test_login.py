import pytest
from django.urls import reverse

LOGIN_URL = reverse("users:login")


@pytest.mark.django_db
def test_login_page_asks_for_email_with_links_to_reset_and_signup(client):
    html = client.get(LOGIN_URL).content.decode()

    assert 'type="email"' in html and 'autocomplete="email"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert reverse("users:password_reset") in html
    assert reverse("users:signup") in html


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["shopper@example.com", "Shopper@Example.COM"])
def test_login_by_email_ignores_case(client, shopper, password, typed):
    response = client.post(LOGIN_URL, {"username": typed, "password": password})

    assert response["Location"] == reverse("users:dashboard")
    assert client.session["_auth_user_id"] == str(shopper.pk)


@pytest.mark.django_db
def test_login_refuses_a_wrong_password_without_saying_which_part_was_wrong(client, shopper):
    response = client.post(LOGIN_URL, {"username": "shopper@example.com", "password": "nope"})

    assert response.status_code == 200
    assert "correct email address and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_refuses_a_deactivated_account(client, shopper, password):
    shopper.is_active = False
    shopper.save()

    client.post(LOGIN_URL, {"username": shopper.email, "password": password})

    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_returns_to_next_page_only_on_this_site(client, shopper, password):
    back = client.post(LOGIN_URL, {"username": shopper.email, "password": password, "next": "/catalogue/"})
    assert back["Location"] == "/catalogue/"

    client.logout()
    away = client.post(
        LOGIN_URL, {"username": shopper.email, "password": password, "next": "https://evil.example/"}
    )
    assert away["Location"] == reverse("users:dashboard")


@pytest.mark.django_db
def test_logout_is_a_post_that_ends_the_session(client, shopper):
    client.force_login(shopper)

    assert client.get(reverse("users:logout")).status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post(reverse("users:logout"), follow=True)
    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[0][0] == "/"
    assert "You have been signed out." in [str(m) for m in response.context["messages"]]
