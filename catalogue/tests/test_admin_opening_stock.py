"""Opening stock in the admin: typed in on purpose when a product is created, and a warning when it is 0."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from catalogue.models import ProductPage
from catalogue.tests.fixtures import add_product
from users.factories import UserFactory

LIVE_AND_SOLD_OUT = "is live and sold out"
WILL_GO_LIVE_SOLD_OUT = "once published it will go live sold out"


def member_of(group_name):
    user = UserFactory(email=f"{group_name.lower()}@example.com")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def add_url(category):
    return reverse("wagtailadmin_pages:add", args=["catalogue", "productpage", category.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def admin_form(client, url, **typed):
    """The page form as the admin renders it for this user, with ``typed`` filled in."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # the StreamField editor is JavaScript; an empty body posts its count
    for name, value in typed.items():
        data[name] = value
    return data


def new_product(**typed):
    return {"title": "Santoku knife", "slug": "santoku-knife", "sku": "KN-100", "price": "49.00", **typed}


def warnings(response):
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "warning"]


@pytest.mark.django_db
def test_the_add_form_offers_no_stock_figure(client, knives):
    client.force_login(member_of("Editors"))
    data = admin_form(client, add_url(knives))
    assert data.get("stock", "") == ""


@pytest.mark.django_db
def test_an_editor_creating_a_product_without_stock_gets_a_form_error(client, knives):
    client.force_login(member_of("Editors"))
    data = admin_form(client, add_url(knives), **new_product())
    data["action-submit"] = "submit"

    response = client.post(add_url(knives), data)

    assert response.status_code == 200
    assert "stock" in response.context["form"].errors
    assert not ProductPage.objects.filter(sku="KN-100").exists()


@pytest.mark.django_db
def test_an_opening_stock_of_zero_is_accepted_with_a_warning(client, knives):
    client.force_login(member_of("Editors"))
    data = admin_form(client, add_url(knives), **new_product(stock="0"))

    response = client.post(add_url(knives), data)

    product = ProductPage.objects.get(sku="KN-100")
    assert product.stock == 0 and not product.live
    assert any(WILL_GO_LIVE_SOLD_OUT in text for text in warnings(response))


@pytest.mark.django_db
def test_the_opening_stock_typed_in_is_the_stock_the_product_starts_with(client, knives):
    client.force_login(member_of("Editors"))
    response = client.post(add_url(knives), admin_form(client, add_url(knives), **new_product(stock="12")))

    assert ProductPage.objects.get(sku="KN-100").stock == 12
    assert warnings(response) == []


@pytest.mark.django_db
def test_publishing_a_product_without_stock_warns_that_it_is_live_sold_out(client, knives):
    product = add_product(knives, stock=0, live=False)
    client.force_login(member_of("Moderators"))
    data = admin_form(client, edit_url(product))
    data["action-publish"] = "action-publish"

    response = client.post(edit_url(product), data)

    assert ProductPage.objects.get(pk=product.pk).live
    assert any(LIVE_AND_SOLD_OUT in text for text in warnings(response))


@pytest.mark.django_db
def test_the_editor_says_so_when_a_product_has_no_stock(client, knives):
    sold_out = add_product(knives, stock=0, title="Bread knife")
    stocked = add_product(knives, stock=7, title="Paring knife")
    client.force_login(member_of("Editors"))

    assert LIVE_AND_SOLD_OUT in client.get(edit_url(sold_out)).content.decode()
    assert LIVE_AND_SOLD_OUT not in client.get(edit_url(stocked)).content.decode()
