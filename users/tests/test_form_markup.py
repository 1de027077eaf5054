"""Every account form renders through the one form template: errors announced, described and marked invalid."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.html_checks import dangling_id_references

INVALID_FIELD = re.compile(r"<(input|select|textarea)\b[^>]*\baria-invalid=\"true\"[^>]*>")


def form_errors_are_accessible(html: str, *, fields: list[str]) -> None:
    assert dangling_id_references(html) == []
    assert re.search(
        r'<div class="notice notice--error form-errors" role="alert" tabindex="-1" data-error-summary>', html
    )
    for name in fields:
        tag = re.search(rf'<(?:input|select|textarea)\b[^>]*\bname="{name}"[^>]*>', html).group()
        assert 'aria-invalid="true"' in tag, name
        described = re.search(r'aria-describedby="([^"]+)"', tag).group(1).split()
        assert f"id_{name}_error" in described, name
        assert f'<p class="field__error" id="id_{name}_error">' in html, name
    # Only fields in error say so.
    invalid = {re.search(r'name="([^"]+)"', tag.group()).group(1) for tag in INVALID_FIELD.finditer(html)}
    assert invalid == set(fields)


@pytest.mark.django_db
def test_signup_errors(client):
    html = client.post(
        reverse("users:signup"), {"email": "not-an-email", "first_name": "Ann"}
    ).content.decode()
    form_errors_are_accessible(html, fields=["email", "last_name", "password1", "password2"])
    # Django's password rules are help text the password box points at.
    assert 'aria-describedby="id_password1_helptext id_password1_error"' in html
    assert '<div class="field__help" id="id_password1_helptext">' in html


@pytest.mark.django_db
def test_login_failure_is_a_form_error_in_the_alert(client, shopper):
    html = client.post(
        reverse("users:login"), {"username": shopper.email, "password": "wrong"}
    ).content.decode()
    form_errors_are_accessible(html, fields=[])
    alert = re.search(r'role="alert".*?</div>', html, re.S).group()
    assert "Please enter a correct email address and password" in alert


@pytest.mark.django_db
def test_profile_errors(client, shopper):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(shopper)
    bad = SimpleUploadedFile("avatar.png", b"not an image", content_type="image/png")
    html = client.post(reverse("users:profile"), {"first_name": "Sam", "avatar": bad}).content.decode()
    form_errors_are_accessible(html, fields=["avatar"])


@pytest.mark.django_db
def test_password_change_errors(client, shopper):
    client.force_login(shopper)
    html = client.post(
        reverse("users:password_change"),
        {"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
    ).content.decode()
    form_errors_are_accessible(html, fields=["old_password", "new_password2"])


@pytest.mark.django_db
def test_password_reset_errors(client):
    html = client.post(reverse("users:password_reset"), {"email": "nope"}).content.decode()
    form_errors_are_accessible(html, fields=["email"])


@pytest.mark.django_db
def test_password_reset_confirm_errors(client, shopper):
    uid = urlsafe_base64_encode(force_bytes(shopper.pk))
    token = default_token_generator.make_token(shopper)
    form_url = client.get(reverse("users:password_reset_confirm", args=[uid, token]))["Location"]
    html = client.post(
        form_url, {"new_password1": "Long-enough-1", "new_password2": "different-2"}
    ).content.decode()
    form_errors_are_accessible(html, fields=["new_password2"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    ["users:signup", "users:login", "users:password_reset", "users:profile", "users:password_change"],
)
def test_untouched_forms_have_no_dangling_references_or_alerts(client, shopper, url_name):
    if url_name in ("users:profile", "users:password_change"):
        client.force_login(shopper)
    html = client.get(reverse(url_name)).content.decode()
    assert 'class="field' in html
    assert dangling_id_references(html) == []
    assert 'role="alert"' not in html and 'aria-invalid="true"' not in html
