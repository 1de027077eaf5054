"""The password reset email from the shop's reset view, and the back-in-stock email's wording."""

import re

import pytest
from django.urls import reverse

from catalogue.emails.models import EmailTemplate
from catalogue.emails.sending import email_send

RESET = reverse("users:password_reset")


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.mark.django_db
def test_the_reset_view_sends_text_and_html_with_a_working_link(
    client, shopper, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": shopper.email})
    (email,) = mailoutbox
    assert email.subject == "Reset your Wagtail Shop password"
    assert "Hello Sam," in email.body and shopper.email in email.body
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", email.body).group(1)
    assert f'href="http://testserver{link}"' in html_of(email)
    assert client.get(link, follow=True).context["validlink"] is True


@pytest.mark.django_db
def test_the_reset_email_follows_the_editors_wording(
    client, shopper, mailoutbox, django_capture_on_commit_callbacks
):
    EmailTemplate.objects.create(
        kind="password_reset", subject="New password for {email}", outro="Cheers, {shop_name}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": shopper.email})
    (email,) = mailoutbox
    assert email.subject == f"New password for {shopper.email}"
    assert "Cheers, Wagtail Shop" in email.body and "Cheers, Wagtail Shop" in html_of(email)


@pytest.mark.django_db
def test_an_unknown_address_gets_no_email_and_the_same_answer(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET, {"email": "nobody@example.com"})
    assert response["Location"] == reverse("users:password_reset_done")
    assert mailoutbox == []


@pytest.mark.django_db
def test_no_reset_token_goes_through_the_broker(
    client, shopper, django_capture_on_commit_callbacks, monkeypatch
):
    """Only the account and the link's host are queued; the worker makes the token."""
    from users import tasks

    queued = []
    monkeypatch.setattr(tasks.send_password_reset_email, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET, {"email": shopper.email})
    assert queued == [(str(shopper.pk), "http", "testserver")]


@pytest.mark.django_db
def test_the_back_in_stock_email_links_the_product_and_the_unsubscribe(mailoutbox):
    EmailTemplate.objects.create(kind="back_in_stock", intro="Good news: {product_name} is back!")
    email_send(
        "back_in_stock",
        to="fan@example.com",
        values={
            "product_name": "Chef knife",
            "product_url": "https://shop.example/knife/",
            "shop_name": "Shop",
        },
        context={
            "product_url": "https://shop.example/knife/",
            "unsubscribe_url": "https://shop.example/u/x/",
        },
    )
    (email,) = mailoutbox
    assert email.subject == "Chef knife is back in stock"  # the default subject
    assert "Good news: Chef knife is back!" in email.body
    assert "https://shop.example/knife/" in email.body and "https://shop.example/u/x/" in email.body
    html = html_of(email)
    assert 'href="https://shop.example/knife/"' in html and 'href="https://shop.example/u/x/"' in html


@pytest.mark.django_db
def test_values_are_escaped_in_html_and_kept_in_text(mailoutbox):
    email_send(
        "back_in_stock",
        to="fan@example.com",
        values={"product_name": "<b>Knife</b> & fork", "product_url": "https://s/", "shop_name": "Shop"},
        context={"product_url": "https://s/", "unsubscribe_url": "https://s/u/"},
    )
    (email,) = mailoutbox
    assert "<b>Knife</b> & fork is back in stock" in email.body
    assert "&lt;b&gt;Knife&lt;/b&gt; &amp; fork" in html_of(email) and "<b>Knife" not in html_of(email)
