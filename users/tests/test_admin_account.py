"""Wagtail's own account page (/admin/account/) keeps the shop's avatar caps."""

import pytest
from django.urls import reverse
from wagtail.admin.views.account import AvatarSettingsPanel
from wagtail.users.models import UserProfile

from users.admin_account import CappedAvatarPreferencesForm
from users.tests.conftest import huge_png_bytes, png_upload

ACCOUNT_URL = reverse("wagtailadmin_account")


def _account_form_data(user, avatar) -> dict:
    # The name panel's fields must be valid too, or the whole page is refused for another reason.
    return {
        "name_email-first_name": user.first_name or "Ada",
        "name_email-last_name": user.last_name or "Admin",
        "name_email-email": user.email,
        "avatar-avatar": avatar,
        "locale-preferred_language": "en",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "theme-keyboard_shortcuts": "on",
    }


def test_the_account_avatar_panel_uses_the_capped_form():
    assert AvatarSettingsPanel.form_class is CappedAvatarPreferencesForm


@pytest.mark.django_db
def test_admin_account_refuses_a_12000_pixel_square_avatar(admin_client, admin_user):
    response = admin_client.post(ACCOUNT_URL, _account_form_data(admin_user, png_upload(huge_png_bytes())))

    assert response.status_code == 200
    assert "Please upload an image of at most 4096 × 4096 pixels" in response.content.decode()
    assert not UserProfile.get_for_user(admin_user).avatar


@pytest.mark.django_db
def test_admin_account_still_takes_a_small_avatar(admin_client, admin_user):
    response = admin_client.post(
        ACCOUNT_URL, _account_form_data(admin_user, png_upload(huge_png_bytes(64, 64)))
    )

    assert response.status_code == 302
    assert UserProfile.get_for_user(admin_user).avatar
