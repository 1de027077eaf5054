from decimal import Decimal

import pytest
from django.urls import reverse

from catalogue.models import CartLine, Order, ProductPage, StockMovement
from catalogue.tests.conftest import add_product
from catalogue.tests.fixtures import GUEST_CHECKOUT
from catalogue.tests.test_cart import assert_private_and_not_page_cached
from users.factories import DEFAULT_PASSWORD, UserFactory

CHECKOUT = reverse("catalogue:checkout")
ADDRESS = GUEST_CHECKOUT


def fill_cart(client, product, quantity=1):
    client.post(reverse("catalogue:cart_add"), {"product_id": product.pk, "quantity": str(quantity)})


@pytest.mark.django_db
def test_guest_checkout_places_order_and_shows_confirmation(
    client, knives, mailoutbox, django_capture_on_commit_callbacks
):
    product = add_product(knives, title="Chef knife", price=Decimal("30.00"), stock=5, sku="CK-1")
    fill_cart(client, product, 2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHECKOUT, ADDRESS)
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:order_confirmation", args=[order.reference])
    assert (order.subtotal, order.shipping_cost, order.total) == (
        Decimal("60.00"),
        Decimal("4.95"),
        Decimal("64.95"),
    )
    assert order.number.startswith("WS") and order.status == "pending"
    line = order.lines.get()
    assert (line.product_title, line.sku, line.unit_price, line.quantity) == (
        "Chef knife",
        "CK-1",
        Decimal("30.00"),
        2,
    )
    assert ProductPage.objects.get(pk=product.pk).stock == 3
    assert StockMovement.objects.get().change == -2
    assert not CartLine.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert order.number in page and "IBAN" in page
    assert len(mailoutbox) == 1 and order.number in mailoutbox[0].subject
    assert mailoutbox[0].to == ["guest@example.com"]


@pytest.mark.django_db
def test_free_shipping_over_threshold(client, knives):
    product = add_product(knives, price=Decimal("80.00"), stock=5)
    fill_cart(client, product)
    client.post(CHECKOUT, ADDRESS)
    assert Order.objects.get().shipping_cost == Decimal("0.00")


@pytest.mark.django_db
def test_signed_in_checkout_is_prefilled_and_owned(client, knives):
    user = UserFactory(email="me@example.com", first_name="Ada", last_name="Lovelace")
    client.force_login(user)
    product = add_product(knives, stock=5)
    fill_cart(client, product)
    form = client.get(CHECKOUT).context["form"]
    assert form.initial["email"] == "me@example.com" and form.initial["full_name"] == "Ada Lovelace"
    client.post(CHECKOUT, {**ADDRESS, "email": "me@example.com"})
    order = Order.objects.get()
    assert order.user == user
    history = client.get(reverse("catalogue:order_history")).content.decode()
    assert order.number in history


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"email": "not-an-email"},
        {"full_name": "   "},
        {"country": "XX"},
        {"shipping_method": "teleport"},
        {"payment_method": "credit_card"},
        {"postcode": ""},
    ],
)
def test_checkout_errors_keep_the_cart(client, knives, changes):
    product = add_product(knives, stock=5)
    fill_cart(client, product, 2)
    response = client.post(CHECKOUT, {**ADDRESS, **changes})
    assert response.status_code == 400
    assert "Please correct the highlighted fields" in response.content.decode()
    assert not Order.objects.exists()
    assert CartLine.objects.get().quantity == 2
    assert ProductPage.objects.get(pk=product.pk).stock == 5


@pytest.mark.django_db
def test_empty_cart_cannot_check_out(client):
    response = client.post(CHECKOUT, ADDRESS, follow=True)
    assert "Your cart is empty" in response.content.decode()
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_losing_the_stock_race_keeps_the_cart(client, knives):
    product = add_product(knives, title="Last one", stock=2)
    fill_cart(client, product, 2)
    ProductPage.objects.filter(pk=product.pk).update(stock=1)  # someone else bought one meanwhile
    response = client.post(CHECKOUT, ADDRESS, follow=True)
    assert "someone was quicker" in response.content.decode()
    assert not Order.objects.exists()
    assert CartLine.objects.get().quantity == 2
    assert ProductPage.objects.get(pk=product.pk).stock == 1
    assert not StockMovement.objects.exists()


@pytest.mark.django_db
def test_prices_are_frozen_on_the_order(client, knives):
    product = add_product(knives, title="Knife", price=Decimal("30.00"), stock=5)
    fill_cart(client, product)
    client.post(CHECKOUT, ADDRESS)
    product.price = Decimal("99.00")
    product.title = "Renamed knife"
    product.save_revision().publish()
    line = Order.objects.get().lines.get()
    assert (line.unit_price, line.product_title) == (Decimal("30.00"), "Knife")


@pytest.mark.django_db
def test_another_shoppers_order_is_404(client, knives):
    from django.test import Client

    product = add_product(knives, stock=5)
    fill_cart(client, product)
    url = client.post(CHECKOUT, ADDRESS)["Location"]
    assert client.get(url).status_code == 200
    assert Client().get(url).status_code == 404
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(url).status_code == 404


@pytest.mark.django_db
def test_checkout_requires_csrf(knives):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(CHECKOUT, ADDRESS).status_code == 403


def guest_orders(client, knives):
    product = add_product(knives, stock=5)
    fill_cart(client, product)
    return client.post(CHECKOUT, ADDRESS)["Location"]


@pytest.mark.django_db
def test_a_guest_who_signs_in_after_ordering_still_opens_their_confirmation(client, knives):
    account = UserFactory(email="grace@example.com")
    url = guest_orders(client, knives)

    signed_in = client.post(reverse("users:login"), {"username": account.email, "password": DEFAULT_PASSWORD})

    assert signed_in.status_code == 302 and client.session["_auth_user_id"] == str(account.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert Order.objects.get().number in page.content.decode()


@pytest.mark.django_db
def test_a_guest_who_signs_up_after_ordering_still_opens_their_confirmation(client, knives):
    url = guest_orders(client, knives)

    signed_up = client.post(
        reverse("users:signup"),
        {
            "email": "new.grace@example.com",
            "first_name": "Grace",
            "last_name": "Guest",
            "password1": "plum-Orchard-47-lantern",
            "password2": "plum-Orchard-47-lantern",
        },
    )

    assert signed_up.status_code == 302 and "_auth_user_id" in client.session
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_guest_confirmation_stays_closed_to_other_sessions_and_accounts(client, knives):
    from django.test import Client

    url = guest_orders(client, knives)
    client.post(reverse("users:login"), {"username": UserFactory().email, "password": DEFAULT_PASSWORD})
    assert client.get(url).status_code == 200

    assert Client().get(url).status_code == 404
    elsewhere = Client()
    elsewhere.post(reverse("users:login"), {"username": UserFactory().email, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" in elsewhere.session
    assert elsewhere.get(url).status_code == 404
    # Signing out ends the session, and with it the guest's access.
    client.post(reverse("users:logout"))
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_guest_order_does_not_join_the_account_history_it_signs_in_to(client, knives):
    guest_orders(client, knives)
    client.post(reverse("users:login"), {"username": UserFactory().email, "password": DEFAULT_PASSWORD})

    history = client.get(reverse("catalogue:order_history")).content.decode()

    assert Order.objects.get().number not in history


@pytest.mark.django_db
def test_checkout_confirmation_and_history_are_private_and_never_page_cached(client, knives, settings):
    settings.PAGE_CACHE_SECONDS = 600
    fill_cart(client, add_product(knives, stock=5))
    client.get(CHECKOUT)  # the add-to-cart message is shown and gone
    assert_private_and_not_page_cached(client, CHECKOUT)
    assert "private" in client.post(CHECKOUT, {**ADDRESS, "email": "bad"})["Cache-Control"]

    confirmation = client.post(CHECKOUT, ADDRESS)["Location"]
    assert_private_and_not_page_cached(client, confirmation)

    client.force_login(UserFactory())
    assert_private_and_not_page_cached(client, reverse("catalogue:order_history"))


@pytest.mark.django_db
def test_placing_an_order_leaves_wagtails_reference_index_alone(
    client, knives, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import ReferenceIndex

    product = add_product(knives, title="Chef knife", stock=5)
    fill_cart(client, product)
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        assert client.post(CHECKOUT, ADDRESS).status_code == 302
    # Listing orders in the admin (wagtail-modeladmin) would register them for the index;
    # they refer to shoppers only, so each checkout would re-index its order twice for nothing.
    assert not ReferenceIndex.is_indexed(Order)
    assert not [q for q in queries.captured_queries if ReferenceIndex._meta.db_table in q["sql"]]


@pytest.mark.django_db
def test_the_migration_drops_the_reference_rows_orders_left_behind(client, knives):
    import importlib
    import uuid

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    migration = importlib.import_module("catalogue.migrations.0011_orders_leave_the_reference_index")
    fill_cart(client, add_product(knives, title="Chef knife", stock=5))
    client.post(CHECKOUT, ADDRESS)
    order = Order.objects.get()
    order_type = ContentType.objects.get_for_model(Order)
    kept = ReferenceIndex.objects.exclude(content_type=order_type).count()  # the product's picture, for one
    assert kept
    ReferenceIndex.objects.create(  # as Wagtail wrote it while orders were tracked
        content_type=order_type,
        base_content_type=order_type,
        object_id=str(order.pk),
        to_content_type=ContentType.objects.get(app_label="users", model="user"),
        to_object_id="1",
        model_path="user",
        content_path="user",
        content_path_hash=uuid.uuid4(),
    )

    migration.forget_order_references(apps, None)

    assert not ReferenceIndex.objects.filter(content_type=order_type).exists()
    assert ReferenceIndex.objects.count() == kept
