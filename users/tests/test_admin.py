"""Wagtail's admin with the shop's user model: email logins and the profile fields."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from users.factories import UserFactory
from users.tests.conftest import huge_png_bytes, image_upload, png_upload

User = get_user_model()

ADMIN_LOGIN_URL = reverse("wagtailadmin_login")
ADMIN_HOME_URL = reverse("wagtailadmin_home")
STRONG = "plum-Orchard-47-lantern"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["boss@example.com", "BOSS@Example.com"])
def test_admin_login_takes_an_email_in_any_case(client, password, typed):
    boss = UserFactory(email="boss@example.com", superuser=True)

    response = client.post(ADMIN_LOGIN_URL, {"username": typed, "password": password})

    assert response["Location"] == ADMIN_HOME_URL
    dashboard = client.get(ADMIN_HOME_URL)
    assert dashboard.status_code == 200
    assert dashboard.context["user"] == boss


@pytest.mark.django_db
def test_admin_login_page_asks_for_the_email_address(client):
    html = client.get(ADMIN_LOGIN_URL).content.decode()

    assert "Enter your email address" in html


@pytest.mark.django_db
def test_shopper_without_admin_access_is_turned_away(client, shopper, password):
    """Wagtail gates its admin on the access_admin permission, not is_staff; shoppers have neither.

    The admin login form shares the site's session, so the shopper is signed in to the
    shop, but every admin page sends them back to the login page with a refusal."""
    client.post(ADMIN_LOGIN_URL, {"username": shopper.email, "password": password})

    response = client.get(ADMIN_HOME_URL, follow=True)
    assert response.redirect_chain[0][0].startswith(ADMIN_LOGIN_URL)
    assert "You do not have permission to access the admin" in response.content.decode()
    assert client.get(reverse("wagtailusers_users:index")).status_code == 302


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_admin_login(client):
    response = client.get(ADMIN_HOME_URL)

    assert response["Location"] == f"{ADMIN_LOGIN_URL}?next={ADMIN_HOME_URL}"


@pytest.mark.django_db
def test_editor_group_member_gets_into_the_admin(client):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert client.get(ADMIN_HOME_URL).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["add", "edit"])
def test_admin_user_forms_show_profile_fields_and_accept_files(admin_client, shopper, view):
    url = (
        reverse("wagtailusers_users:add")
        if view == "add"
        else reverse("wagtailusers_users:edit", args=[shopper.pk])
    )

    html = admin_client.get(url).content.decode()

    for field in ("phone", "bio", "avatar"):
        assert f'name="{field}"' in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.django_db
def test_admin_creates_user_with_profile_fields(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "New.Editor@Example.com",
            "first_name": "Nell",
            "last_name": "Editor",
            "password1": STRONG,
            "password2": STRONG,
            "phone": "01234 567890",
            "bio": "Writes the stories.",
            "avatar": image_upload(),
            "groups": [Group.objects.get(name="Editors").pk],
        },
    )

    assert response["Location"] == reverse("wagtailusers_users:index")
    user = User.objects.get(email="new.editor@example.com")
    assert (user.phone, user.bio) == ("01234 567890", "Writes the stories.")
    assert user.avatar.name.startswith("avatars/")
    assert user.check_password(STRONG)
    assert user.has_perm("wagtailadmin.access_admin")


def edit_shopper(admin_client, shopper, **fields):
    """Posts the user admin's edit form for the shopper: their required fields, plus ``fields``."""
    return admin_client.post(
        reverse("wagtailusers_users:edit", args=[shopper.pk]),
        {"email": shopper.email, "first_name": "Sam", "last_name": "Shopper", "is_active": "on", **fields},
    )


@pytest.mark.django_db
def test_admin_edits_profile_fields(admin_client, shopper):
    response = edit_shopper(
        admin_client,
        shopper,
        phone="07700 900123",
        bio="Regular customer.",
    )

    assert response.status_code == 302
    shopper.refresh_from_db()
    assert (shopper.phone, shopper.bio) == ("07700 900123", "Regular customer.")
    assert shopper.is_active


@pytest.mark.django_db
def test_admin_refuses_a_second_account_for_the_same_email_in_another_case(admin_client, shopper):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "SHOPPER@example.com",
            "first_name": "Dup",
            "last_name": "Licate",
            "password1": STRONG,
            "password2": STRONG,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("email")
    assert User.objects.filter(email__iexact="shopper@example.com").count() == 1


@pytest.mark.django_db
def test_admin_refuses_a_non_image_avatar(admin_client, shopper):
    response = edit_shopper(
        admin_client,
        shopper,
        avatar=SimpleUploadedFile("avatar.png", b"not an image", content_type="image/png"),
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("avatar", "invalid_image")
    shopper.refresh_from_db()
    assert not shopper.avatar


@pytest.mark.django_db
def test_admin_refuses_an_avatar_of_too_many_pixels(admin_client, shopper):
    response = edit_shopper(
        admin_client,
        shopper,
        avatar=png_upload(huge_png_bytes(12_000, 12_000)),
    )

    assert response.status_code == 200
    assert response.context["form"].has_error("avatar", "too_many_pixels")
    shopper.refresh_from_db()
    assert not shopper.avatar


@pytest.mark.django_db
def test_admin_password_reset_link_works_for_a_uuid_keyed_user(client, admin_user, mailoutbox):
    """Wagtail's own reset flow encodes the primary key into the link; a UUID must round-trip."""
    client.post(reverse("wagtailadmin_password_reset"), {"email": admin_user.email})

    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/admin/password_reset/confirm/" in line)
    form_page = client.get(link.strip().removeprefix("http://testserver"), follow=True)
    assert form_page.context["validlink"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("url", [ADMIN_HOME_URL, reverse("wagtailusers_users:index")], ids=["home", "users"])
def test_admin_pages_ask_no_third_party_for_avatars(admin_client, url):
    UserFactory(email="no-avatar@example.com")

    html = admin_client.get(url).content.decode()

    assert "gravatar" not in html.lower()
    assert "wagtailadmin/images/default-user-avatar" in html
