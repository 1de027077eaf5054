"""Editors edit the emails' wording in the admin, and preview it before anyone receives it."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from catalogue.emails.models import EmailTemplate
from users.factories import UserFactory

ADD = reverse("wagtailsnippets_emails_emailtemplate:add")
PREVIEW_ON_ADD = reverse("wagtailsnippets_emails_emailtemplate:preview_on_add")


def staff(*codenames):
    """A user who may open the admin, with these extra permissions."""
    group = Group.objects.create(name="Staff " + "-".join(codenames or ("none",)))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user = UserFactory()
    user.groups.add(group)
    return user


def preview(client, url, data, mode="html"):
    """Wagtail's preview: the form is posted (and checked), then the preview is shown."""
    posted = client.post(url, data)
    return posted, client.get(url, {"mode": mode})


WORDING = {
    "kind": "shipped",
    "subject": "{order_number} has shipped!",
    "intro": "Hi {customer_name}, it's coming.",
    "outro": "",
}


@pytest.mark.django_db
def test_an_editor_adds_wording_through_the_admin(admin_client):
    response = admin_client.post(ADD, WORDING)
    assert response.status_code == 302
    saved = EmailTemplate.objects.get()
    assert (saved.kind, saved.subject) == ("shipped", "{order_number} has shipped!")
    listing = admin_client.get(reverse("wagtailsnippets_emails_emailtemplate:list")).content.decode()
    assert "Order shipped" in listing


@pytest.mark.django_db
def test_the_admin_refuses_a_placeholder_the_email_does_not_know(admin_client):
    response = admin_client.post(ADD, {**WORDING, "intro": "Hi {customer_name}, see {reset_url}"})
    assert response.status_code == 200
    assert "Unknown placeholder {reset_url}" in response.content.decode()
    assert not EmailTemplate.objects.exists()


@pytest.mark.django_db
def test_a_second_wording_for_the_same_email_is_refused(admin_client):
    EmailTemplate.objects.create(kind="shipped")
    assert admin_client.post(ADD, WORDING).status_code == 200
    assert EmailTemplate.objects.count() == 1


@pytest.mark.django_db
def test_the_preview_shows_the_form_wording_for_a_sample_order_as_html_and_text(admin_client):
    posted, html_preview = preview(admin_client, PREVIEW_ON_ADD, WORDING)
    assert posted.json()["is_valid"] is True
    page = html_preview.content.decode()
    assert "WS26-000123 has shipped!" in page  # the subject, filled
    email_html = unescape(re.search(r'srcdoc="([^"]*)"', page).group(1))  # the email, as the iframe shows it
    assert "<p>Hi Ann Example, it&#x27;s coming.</p>" in email_html
    assert "Track your parcel" in email_html and "Chef&#x27;s knife" in email_html

    text = admin_client.get(PREVIEW_ON_ADD, {"mode": "text"}).content.decode()
    assert "Hi Ann Example, it&#x27;s coming." in text and "Enjoy it!" in text  # the default closing


@pytest.mark.django_db
def test_the_preview_of_saved_wording_follows_the_unsaved_edit(admin_client):
    saved = EmailTemplate.objects.create(kind="back_in_stock", subject="Back: {product_name}")
    url = reverse("wagtailsnippets_emails_emailtemplate:preview_on_edit", args=[saved.pk])
    _, shown = preview(
        admin_client, url, {"kind": "back_in_stock", "subject": "It's here: {product_name}"}, "text"
    )
    page = shown.content.decode()
    assert "It&#x27;s here: Chef&#x27;s knife, 20 cm" in page
    assert "Stop these alerts" in page


@pytest.mark.django_db
def test_preview_with_bad_placeholders_reports_the_form_error(admin_client):
    posted = admin_client.post(PREVIEW_ON_ADD, {**WORDING, "subject": "{nope}"})
    assert posted.json()["is_valid"] is False


@pytest.mark.django_db
def test_staff_without_the_email_permissions_cannot_preview_or_edit(client):
    client.force_login(staff())
    assert client.post(PREVIEW_ON_ADD, WORDING).status_code in (302, 403)
    assert client.get(PREVIEW_ON_ADD, {"mode": "html"}).status_code in (302, 403)
    assert client.get(ADD).status_code in (302, 403)


@pytest.mark.django_db
def test_staff_with_the_change_permission_preview_saved_wording(client):
    saved = EmailTemplate.objects.create(kind="cancelled")
    client.force_login(staff("change_emailtemplate"))
    url = reverse("wagtailsnippets_emails_emailtemplate:preview_on_edit", args=[saved.pk])
    _, shown = preview(client, url, {"kind": "cancelled", "subject": "Cancelled: {order_number}"})
    assert shown.status_code == 200 and "Cancelled: WS26-000123" in shown.content.decode()
    assert client.get(ADD).status_code in (302, 403)  # adding needs its own permission


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(PREVIEW_ON_ADD, {"mode": "html"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_marketers_and_moderators_may_edit_emails_and_editors_may_not():
    def codenames(group):
        return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))

    for group in ("Marketers", "Moderators"):
        assert {"add_emailtemplate", "change_emailtemplate"} <= codenames(group)
    assert "change_emailtemplate" not in codenames("Editors")
