"""Adjust stock in the admin: only holders of catalogue.adjust_stock (Moderators, superusers) may."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from catalogue.models import ProductPage, StockMovement
from catalogue.tests.conftest import add_product
from users.factories import UserFactory


def member_of(group_name):
    user = UserFactory(email=f"{group_name.lower()}@example.com")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def product(knives):
    return add_product(knives, title="Chef knife", stock=4)


def stock_url(product):
    return reverse("catalogue_stock_adjust", args=[product.pk])


def edit_page_html(client, product):
    return client.get(reverse("wagtailadmin_pages:edit", args=[product.pk])).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("group_name", ["Editors", "Marketers"])
def test_editors_and_marketers_cannot_adjust_stock(client, product, group_name):
    client.force_login(member_of(group_name))

    # Wagtail's admin answers a refused request by sending the user to the dashboard.
    assert client.get(stock_url(product)).url == reverse("wagtailadmin_home")
    response = client.post(stock_url(product), {"change": "50", "note": "Found a box"})
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")

    assert ProductPage.objects.get(pk=product.pk).stock == 4
    assert not StockMovement.objects.exists()
    assert stock_url(product) not in edit_page_html(client, product)


@pytest.mark.django_db
def test_moderators_adjust_stock_through_the_ledger(client, product):
    moderator = member_of("Moderators")
    client.force_login(moderator)

    assert stock_url(product) in edit_page_html(client, product)
    assert client.get(stock_url(product)).status_code == 200
    assert client.post(stock_url(product), {"change": "6", "note": "Delivery"}).status_code == 302

    assert ProductPage.objects.get(pk=product.pk).stock == 10
    movement = StockMovement.objects.get()
    assert (movement.change, movement.user, movement.note) == (6, moderator, "Delivery")


@pytest.mark.django_db
def test_superusers_adjust_stock(admin_client, product):
    assert stock_url(product) in edit_page_html(admin_client, product)
    admin_client.post(stock_url(product), {"change": "-4", "note": "Stock count"})
    assert ProductPage.objects.get(pk=product.pk).stock == 0


@pytest.mark.django_db
def test_a_missing_product_is_a_404_for_those_who_may_adjust_stock(client, db):
    client.force_login(member_of("Moderators"))
    assert client.get(reverse("catalogue_stock_adjust", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_the_low_stock_panel_links_to_adjust_stock_only_for_those_who_may(client, knives):
    nearly_gone = add_product(knives, title="Nearly gone", stock=1)
    client.force_login(member_of("Moderators"))
    assert stock_url(nearly_gone) in client.get(reverse("wagtailadmin_home")).content.decode()

    order_handler = UserFactory(email="orders@example.com", is_staff=True)
    order_handler.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "change_order"])
    )
    client.force_login(order_handler)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nearly gone" in html and stock_url(nearly_gone) not in html
