"""Security a sceptical reviewer would check first: headers, drafts, previews, private pages, CSRF, markup."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from catalogue.tests.fixtures import add_product
from mysite.tests.test_production_settings import GOOD_SECRET_KEY, run_with_production_settings


@pytest.mark.django_db
def test_security_headers_on_pages(client, knives):
    response = client.get(add_product(knives).url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_sends_hsts_and_secure_cookies():
    script = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = run_with_production_settings(
        "-c", script, SECRET_KEY=GOOD_SECRET_KEY, ALLOWED_HOSTS="shop.example.com"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["31536000", "True", "True", "True"]


@pytest.mark.django_db
def test_drafts_are_invisible_to_anonymous_visitors(client, knives):
    draft = add_product(knives, title="Secret launch", live=False)
    assert client.get(f"{knives.url}{draft.slug}/").status_code == 404
    assert "Secret launch" not in client.get(knives.url).content.decode()
    assert "Secret launch" not in client.get("/sitemap.xml").getvalue().decode()
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_unpublished_changes_stay_private_until_published(client, knives):
    product = add_product(knives, title="Public title")
    product.title = "Embargoed title"
    product.save_revision()
    assert "Embargoed title" not in client.get(product.url).content.decode()


@pytest.mark.django_db
def test_previews_need_an_admin_login(client, knives):
    product = add_product(knives)
    for name in ("wagtailadmin_pages:preview_on_edit", "wagtailadmin_pages:view_draft"):
        response = client.get(reverse(name, args=[product.pk]))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_private_sections_hide_their_pages(client, knives):
    product = add_product(knives, title="Members only knife")
    PageViewRestriction.objects.create(page=knives, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(product.url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "Members only knife" not in client.get(knives.get_parent().url).content.decode()
    assert "Members only knife" not in client.get("/sitemap.xml").getvalue().decode()


@pytest.mark.django_db
def test_admin_needs_admin_access(knives):
    from users.factories import UserFactory

    shopper = Client()
    shopper.force_login(UserFactory())
    assert shopper.get(reverse("wagtailadmin_home")).status_code == 302
    assert shopper.get(reverse("wagtailadmin_pages:edit", args=[knives.pk])).status_code == 302


@pytest.mark.django_db
def test_every_shop_form_requires_csrf(knives):
    product = add_product(knives, stock=5)
    strict = Client(enforce_csrf_checks=True)
    for url, data in [
        (reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "1"}),
        (reverse("catalogue:checkout"), {"email": "x@example.com"}),
        (reverse("users:login"), {"username": "x@example.com", "password": "x"}),
        (reverse("users:signup"), {"email": "x@example.com"}),
        (reverse("catalogue:review_create", args=[product.pk]), {"rating": "5", "body": "x"}),
    ]:
        assert strict.post(url, data).status_code == 403, url


@pytest.mark.django_db
def test_rich_text_is_sanitised(client, knives):
    from wagtail.blocks import StreamValue

    from catalogue.models import ProductPage

    product = add_product(knives)
    body = ProductPage.body.field.stream_block
    product.body = StreamValue(
        body, [("paragraph", '<p>Fine<script>alert(1)</script><a href="javascript:alert(2)">x</a></p>')]
    )
    product.save_revision().publish()
    html = client.get(product.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "javascript:alert(2)" not in html


@pytest.mark.django_db
def test_a_shopper_with_the_password_can_open_a_password_protected_page(client, knives):
    from django.urls import reverse
    from wagtail.models import PageViewRestriction

    from catalogue.tests.fixtures import add_product

    product = add_product(knives, title="Members only")
    restriction = PageViewRestriction.objects.create(
        page=knives, restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    form_page = client.get(product.url).content.decode()
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, product.pk])
    assert f'action="{action}"' in form_page

    wrong = client.post(action, {"password": "guess", "return_url": product.url})
    assert wrong.status_code == 200 and "Members only" not in wrong.content.decode()
    right = client.post(action, {"password": "sesame", "return_url": product.url})
    assert right.status_code == 302 and right["Location"] == product.url
    assert "Members only" in client.get(product.url).content.decode()
