import re

import pytest
from django.urls import reverse

NEW_PASSWORD = "quince-Harbour-93-lamp"


@pytest.mark.django_db
def test_password_reset_email_link_sets_a_new_password(
    client, shopper, password, mailoutbox, django_capture_on_commit_callbacks
):
    # The email goes out from a Celery task queued after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("users:password_reset"), {"email": "Shopper@Example.com"})
    assert response["Location"] == reverse("users:password_reset_done")

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["shopper@example.com"]
    assert "Reset your" in email.subject and "\n" not in email.subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", email.body).group(1)

    # Django swaps the token in the link for a session-held one before showing the form.
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("users:password_reset_complete")

    shopper.refresh_from_db()
    assert shopper.check_password(NEW_PASSWORD) and not shopper.check_password(password)
    # The link is single-use: the token is tied to the old password hash.
    assert client.get(link, follow=True).context["validlink"] is False


@pytest.mark.django_db
def test_password_reset_for_an_unknown_email_sends_nothing_but_looks_the_same(client, mailoutbox):
    response = client.post(reverse("users:password_reset"), {"email": "stranger@example.com"})

    assert response["Location"] == reverse("users:password_reset_done")
    assert mailoutbox == []


@pytest.mark.django_db
def test_password_reset_refuses_a_forged_token(client, shopper):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(shopper.pk))
    response = client.get(reverse("users:password_reset_confirm", args=[uid, "abc-123"]))

    assert response.context["validlink"] is False
    assert "invalid" in response.content.decode()


@pytest.mark.django_db
def test_password_change_needs_the_old_password_and_keeps_the_session(client, shopper, password):
    client.force_login(shopper)
    url = reverse("users:password_change")

    wrong = client.post(
        url, {"old_password": "guess", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert wrong.context["form"].has_error("old_password", "password_incorrect")

    response = client.post(
        url,
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("users:password_change_done")
    assert response.context["user"] == shopper  # still signed in after the hash changed
    shopper.refresh_from_db()
    assert shopper.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_password_change_requires_sign_in(client):
    response = client.get(reverse("users:password_change"))

    assert response["Location"].startswith(reverse("users:login"))
