"""Shop administration in Wagtail: orders (modeladmin), stock adjustment, low-stock panel."""

import re

import pytest
from django.urls import reverse

from catalogue.models import ProductPage, StockMovement
from catalogue.tests.conftest import add_product
from catalogue.tests.test_orders import place
from users.factories import UserFactory


@pytest.fixture
def orders(knives):
    knife = add_product(knives, title="Chef knife", stock=10)
    first = place(knife, 1)
    second = place(knife, 2)
    second.email = "other@example.com"
    second.save()
    return first, second


@pytest.mark.django_db
def test_order_list_filters_by_status_and_searches_by_number_and_email(admin_client, orders):
    from catalogue.services.orders import order_set_status

    first, second = orders
    order_set_status(order=first, status="paid")
    index = reverse("catalogue_order_modeladmin_index")
    paid = admin_client.get(index, {"status__exact": "paid"}).content.decode()
    assert first.number in paid and second.number not in paid
    by_email = admin_client.get(index, {"q": "other@example"}).content.decode()
    assert second.number in by_email and first.number not in by_email
    by_number = admin_client.get(index, {"q": first.number}).content.decode()
    assert first.number in by_number and second.number not in by_number


@pytest.mark.django_db
def test_inspect_shows_lines_history_and_status_actions(admin_client, orders):
    order = orders[0]
    html = admin_client.get(reverse("catalogue_order_modeladmin_inspect", args=[order.pk])).content.decode()
    assert "Chef knife" in html and "Status history" in html
    assert 'value="paid"' in html and 'value="cancelled"' in html and 'value="shipped"' not in html


@pytest.mark.django_db
def test_status_action_moves_the_order_and_records_who(admin_client, admin_user, orders):
    order = orders[0]
    url = reverse("catalogue_order_change_status", args=[order.pk])
    assert admin_client.get(url).status_code == 405
    admin_client.post(url, {"status": "paid", "note": "Bank transfer received"})
    order.refresh_from_db()
    assert order.status == "paid"
    change = order.status_changes.last()
    assert (change.changed_by, change.note) == (admin_user, "Bank transfer received")
    response = admin_client.post(url, {"status": "completed"}, follow=True)
    assert "cannot become completed" in response.content.decode()


@pytest.mark.django_db
def test_orders_export_to_csv(admin_client, orders):
    response = admin_client.get(reverse("catalogue_order_modeladmin_index"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Number" in body.splitlines()[0]
    assert all(order.number in body for order in orders)


@pytest.mark.django_db
def test_shoppers_cannot_reach_order_admin(client, orders):
    client.force_login(UserFactory())
    assert client.get(reverse("catalogue_order_modeladmin_index")).status_code == 302
    url = reverse("catalogue_order_change_status", args=[orders[0].pk])
    assert client.post(url, {"status": "paid"}).status_code in (302, 403)
    orders[0].refresh_from_db()
    assert orders[0].status == "pending"


@pytest.mark.django_db
def test_stock_adjustment_in_admin_goes_through_the_ledger(admin_client, admin_user, knives):
    product = add_product(knives, stock=4)
    url = reverse("catalogue_stock_adjust", args=[product.pk])
    assert admin_client.post(url, {"change": "6", "note": "Delivery"}).status_code == 302
    assert ProductPage.objects.get(pk=product.pk).stock == 10
    movement = StockMovement.objects.get()
    assert (movement.change, movement.user, movement.note) == (6, admin_user, "Delivery")
    response = admin_client.post(url, {"change": "-50", "note": "Count"})
    assert "below zero" in response.content.decode()
    assert ProductPage.objects.get(pk=product.pk).stock == 10


@pytest.mark.django_db
def test_dashboard_shows_low_stock_panel(admin_client, knives):
    add_product(knives, title="Nearly gone", stock=1)
    add_product(knives, title="Plenty", stock=100)
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Low stock" in html and "Nearly gone" in html and "Plenty" not in html


@pytest.mark.django_db
def test_inspect_shows_when_the_confirmation_email_was_sent(admin_client, orders):
    from catalogue.services.order_confirmations import order_confirmation_send

    unsent, sent = orders
    order_confirmation_send(order_id=sent.pk)

    def shown(order):
        html = admin_client.get(
            reverse("catalogue_order_modeladmin_inspect", args=[order.pk])
        ).content.decode()
        return re.search(r"<dt[^>]*>confirmation email sent</dt>\s*<dd>([^<]*)</dd>", html).group(1)

    assert shown(unsent) == "-"
    sent.refresh_from_db()
    assert str(sent.confirmation_sent_at.year) in shown(sent)
