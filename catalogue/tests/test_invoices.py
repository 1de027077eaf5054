"""The printable invoice: the owner's own order (or staff with order permission, from the admin),
every figure as the order stored it, in both tax modes."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.models import Order, ProductPage
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product, clear_caches
from catalogue.tests.pricing_builders import voucher
from home.models import SeoSettings
from users.factories import UserFactory

pytestmark = pytest.mark.django_db

# Express (12.50) is never free, so shipping always carries its own tax line.
EXPRESS = {**GUEST_CHECKOUT, "email": "owner@example.com", "shipping_method": "express", "country": "FR"}


@pytest.fixture
def owner():
    return UserFactory(email="owner@example.com")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def place(client, knives, django_capture_on_commit_callbacks, *, products=1, code="", first=0) -> Order:
    for n in range(first, first + products):
        product = add_product(
            knives, image=False, title=f"Chef knife {n}", price=Decimal("40.00"), stock=5, sku=f"CK-{n}"
        )
        client.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": "2"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("catalogue:checkout"), {**EXPRESS, "voucher_code": code})
    assert response.status_code == 302
    return Order.objects.latest("created_at")


def invoice_url(order) -> str:
    return reverse("catalogue:order_invoice", args=[order.reference])


def test_with_prices_including_vat_the_invoice_shows_the_stored_lines_discount_shipping_and_tax(
    owner_client, knives, django_capture_on_commit_callbacks
):
    voucher(code="FIVE", kind="amount", value="5.00")
    order = place(owner_client, knives, django_capture_on_commit_callbacks, code="five")
    goods, shipping = order.tax_lines.all()
    assert shipping.on_shipping and order.discount_total == Decimal("5.00")
    # The catalogue price changes after the order: the invoice still says what was charged.
    ProductPage.objects.filter(sku="CK-0").update(price=Decimal("99.00"))

    response = owner_client.get(invoice_url(order))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert f"Invoice {order.number}" in html and "Issue date" in html
    assert "Wagtail Shop" in html and "1 Example Quay" in html and "VAT number: IE1234567WA" in html
    assert "Grace Guest" in html and "France" in html and "owner@example.com" in html
    assert "Chef knife 0" in html and "CK-0" in html
    assert '<td class="num">2</td><td class="num">€40.00</td><td class="num">€80.00</td>' in html
    assert "€99.00" not in html
    assert "Discount (FIVE)</dt><dd>−€5.00" in html
    assert "<dt>Shipping</dt><dd>€12.50</dd>" in html
    assert "Prices include tax" in html
    # 12.50 with 23% VAT in it: 10.16 taxable, 2.34 VAT; the goods' line from the stored base.
    assert (
        '<td>Standard rate VAT on shipping</td><td class="num">23%</td>'
        '<td class="num">€10.16</td><td class="num">€2.34</td>'
    ) in html
    assert f'<td class="num">€{goods.base}</td><td class="num">€{goods.amount}</td>' in html
    assert f"Total (EUR)</dt><dd>€{order.total}</dd>" in html
    assert order.total == Decimal("80.00") - Decimal("5.00") + Decimal("12.50")
    assert f"Includes tax</dt><dd>€{order.tax_total}</dd>" in html


def test_with_prices_excluding_tax_the_invoice_adds_each_tax_line_to_the_total(
    owner_client, knives, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_PRICES_INCLUDE_TAX = False
    voucher(code="FIVE", kind="amount", value="5.00")
    order = place(owner_client, knives, django_capture_on_commit_callbacks, code="five")
    # A later switch of the shop's mode does not change an order already placed.
    settings.SHOP_PRICES_INCLUDE_TAX = True
    html = owner_client.get(invoice_url(order)).content.decode()
    assert "Prices exclude tax" in html
    # 75.00 net goods at 23% and 12.50 shipping at 23%, both added.
    assert (
        '<td>Standard rate VAT</td><td class="num">23%</td><td class="num">€75.00</td><td class="num">€17.25</td>'
        in html
    )
    assert '<td class="num">€12.50</td><td class="num">€2.88</td>' in html
    assert "<dt>Tax</dt><dd>€20.13</dd>" in html
    assert "Total (EUR)</dt><dd>€107.63</dd>" in html and order.total == Decimal("107.63")
    assert "Includes tax" not in html


def test_another_shopper_gets_404_and_a_visitor_is_sent_to_sign_in(
    owner_client, knives, django_capture_on_commit_callbacks
):
    order = place(owner_client, knives, django_capture_on_commit_callbacks)
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(invoice_url(order)).status_code == 404
    visitor = Client().get(invoice_url(order))
    assert visitor.status_code == 302 and visitor["Location"].startswith(reverse("users:login"))


def test_a_guest_order_has_no_invoice_page(client, knives, django_capture_on_commit_callbacks):
    order = place(client, knives, django_capture_on_commit_callbacks)  # as a guest
    assert order.user_id is None
    assert client.get(invoice_url(order)).status_code == 302  # sign in first
    client.force_login(UserFactory())
    assert client.get(invoice_url(order)).status_code == 404
    assert "invoice" not in mail.outbox[-1].body.lower()


def test_bad_references_are_404(owner_client):
    assert (
        owner_client.get("/accounts/orders/00000000-0000-0000-0000-000000000000/invoice/").status_code == 404
    )
    assert owner_client.get("/accounts/orders/not-a-uuid/invoice/").status_code == 404
    assert owner_client.get("/accounts/orders/%00/invoice/").status_code == 404


def test_the_order_page_and_the_confirmation_email_link_to_the_invoice(
    owner_client, knives, django_capture_on_commit_callbacks
):
    order = place(owner_client, knives, django_capture_on_commit_callbacks)
    detail = owner_client.get(reverse("catalogue:order_detail", args=[order.reference])).content.decode()
    assert f'href="{invoice_url(order)}"' in detail
    email = mail.outbox[-1]
    assert invoice_url(order) in email.body
    assert invoice_url(order) in email.alternatives[0][0]


def staff(*codenames):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    return user


def test_staff_with_an_order_permission_open_it_from_the_admin_and_others_cannot(
    owner_client, knives, django_capture_on_commit_callbacks
):
    order = place(owner_client, knives, django_capture_on_commit_callbacks)
    url = reverse("catalogue_order_invoice", args=[order.pk])
    inspect = reverse("catalogue_order_modeladmin_inspect", args=[order.pk])
    for codename in ("view_order", "change_order"):
        client = Client()
        client.force_login(staff(codename))
        assert f'href="{url}"' in client.get(inspect).content.decode()
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        html = response.content.decode()
        assert f"Invoice {order.number}" in html and f"€{order.total}" in html and f'href="{inspect}"' in html
    client = Client()
    client.force_login(staff())  # in the admin, but may not see orders
    # Wagtail answers a refused admin view by sending the user back to the dashboard.
    refused = client.get(url, follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert (
        "do not have permission" in refused.content.decode() and order.number not in refused.content.decode()
    )
    # A shopper (no admin access) is sent to the admin's sign-in, even for their own order.
    assert owner_client.get(url).status_code == 302
    superuser = Client()
    superuser.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert superuser.get(reverse("catalogue_order_invoice", args=[999999])).status_code == 404


def test_the_invoice_costs_the_same_queries_for_one_line_or_five(
    owner_client, knives, django_capture_on_commit_callbacks
):
    def queries(order) -> int:
        clear_caches()
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(invoice_url(order)).status_code == 200
        return len(captured)

    # Wagtail creates the SEO settings row on its first read, once in a shop's life.
    SeoSettings.for_site(knives.get_site())
    small = place(owner_client, knives, django_capture_on_commit_callbacks, products=1)
    large = place(owner_client, knives, django_capture_on_commit_callbacks, products=5, first=1)
    assert large.lines.count() == 5
    assert queries(small) == queries(large) == INVOICE_QUERIES


# Session, user, the order with its lines and tax lines (3), site and SEO settings (the
# seller's name), the user's permissions (2, Wagtail's user bar), and the menu (2).
INVOICE_QUERIES = 11
