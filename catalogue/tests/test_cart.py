import re

import pytest
from django.urls import reverse

from catalogue.models import Cart, CartLine
from catalogue.tests.conftest import add_product
from users.factories import DEFAULT_PASSWORD, UserFactory

ADD = reverse("catalogue:cart_add")


def add(client, product, quantity="1", **extra):
    return client.post(ADD, {"product_id": str(product.pk), "quantity": quantity, **extra}, follow=True)


def cart_quantities(user=None):
    return {line.product_id: line.quantity for line in CartLine.objects.filter(cart__user=user)}


@pytest.mark.django_db
def test_anonymous_shopper_adds_to_cart_and_sees_count(client, knives):
    product = add_product(knives, title="Chef knife", stock=5)
    response = add(client, product, "2")
    assert "Added 2 × Chef knife" in response.content.decode()
    cart = client.get(reverse("catalogue:cart"))
    html = cart.content.decode()
    assert "Chef knife" in html and cart.context["item_count"] == 2
    assert "data-cart-count>2<" in html


@pytest.mark.django_db
def test_adding_twice_sums_the_line(client, knives):
    product = add_product(knives, stock=5)
    add(client, product, "2")
    add(client, product, "3")
    assert list(CartLine.objects.values_list("quantity", flat=True)) == [5]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "at least 1"),
        ("-1", "whole number"),
        ("abc", "whole number"),
        ("1.5", "whole number"),
        ("1e3", "whole number"),
        ("", "whole number"),
        ("99999999999999999999", "whole number"),
        ("٣", "whole number"),
        ("21", "at most 20"),
        ("6", "only 5 of"),
    ],
)
def test_bad_quantities_get_a_message_and_change_nothing(client, knives, quantity, message):
    product = add_product(knives, stock=5)
    add(client, product, "1")
    response = add(client, product, quantity)
    assert message in response.content.decode()
    assert list(CartLine.objects.values_list("quantity", flat=True)) == [1]


@pytest.mark.django_db
def test_cannot_add_sold_out_unpublished_or_unknown_products(client, knives):
    sold_out = add_product(knives, title="Gone", stock=0)
    draft = add_product(knives, title="Secret", stock=5)
    draft.unpublish()
    assert "sold out" in add(client, sold_out).content.decode()
    assert "not available" in add(client, draft).content.decode()
    response = client.post(ADD, {"product_id": "abc", "quantity": "1"}, follow=True)
    assert "not available" in response.content.decode()
    assert not CartLine.objects.exists()


@pytest.mark.django_db
def test_update_and_remove_lines(client, knives):
    product = add_product(knives, stock=5)
    add(client, product, "1")
    client.post(reverse("catalogue:cart_update"), {"product_id": product.pk, "quantity": "4"})
    assert CartLine.objects.get().quantity == 4
    response = client.post(
        reverse("catalogue:cart_update"), {"product_id": product.pk, "quantity": "0"}, follow=True
    )
    assert "at least 1" in response.content.decode() and CartLine.objects.get().quantity == 4
    client.post(reverse("catalogue:cart_remove"), {"product_id": product.pk})
    assert not CartLine.objects.exists()
    assert client.get(reverse("catalogue:cart")).context["item_count"] == 0


@pytest.mark.django_db
def test_carts_are_private_to_each_visitor(client, knives):
    from django.test import Client

    product = add_product(knives, stock=5)
    add(client, product, "2")
    other = Client()
    assert other.get(reverse("catalogue:cart")).context["item_count"] == 0
    other.post(reverse("catalogue:cart_remove"), {"product_id": product.pk})
    assert CartLine.objects.get().quantity == 2


@pytest.mark.django_db
def test_guest_cart_merges_into_account_on_login(client, knives):
    knife = add_product(knives, title="Knife", stock=5)
    board = add_product(knives, title="Board", stock=3)
    user = UserFactory(email="buyer@example.com")
    user_cart = Cart.objects.create(user=user)
    CartLine.objects.create(cart=user_cart, product=board, quantity=2)

    add(client, knife, "2")
    add(client, board, "2")
    response = client.post(
        reverse("users:login"), {"username": "buyer@example.com", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    # Board: 2 saved + 2 from the guest cart, capped at the 3 in stock.
    assert cart_quantities(user) == {knife.pk: 2, board.pk: 3}
    assert not Cart.objects.filter(user__isnull=True).exists()
    assert client.get(reverse("catalogue:cart")).context["item_count"] == 5


@pytest.mark.django_db
def test_cart_forms_require_csrf(knives):
    from django.test import Client

    product = add_product(knives, stock=5)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(ADD, {"product_id": product.pk, "quantity": "1"}).status_code == 403
    assert (
        strict.post(reverse("catalogue:cart_update"), {"product_id": product.pk, "quantity": "1"}).status_code
        == 403
    )
    assert strict.post(reverse("catalogue:cart_remove"), {"product_id": product.pk}).status_code == 403
    assert not CartLine.objects.exists()


@pytest.mark.django_db
def test_product_page_and_cards_have_add_to_cart_forms(client, knives):
    product = add_product(knives, stock=5)
    add_product(knives, stock=0, title="Gone")
    page = client.get(product.url).content.decode()
    assert f'action="{ADD}"' in page and 'name="quantity"' in page and "csrfmiddlewaretoken" in page
    listing = client.get(knives.url).content.decode()
    assert listing.count(f'action="{ADD}"') == 1  # the sold-out card has none


@pytest.mark.django_db
def test_add_to_cart_redirects_only_to_local_urls(client, knives):
    product = add_product(knives, stock=5)
    response = client.post(ADD, {"product_id": product.pk, "quantity": "1", "next": "https://evil.example/"})
    assert response["Location"] == reverse("catalogue:cart")
    response = client.post(ADD, {"product_id": product.pk, "quantity": "1", "next": product.url})
    assert response["Location"] == product.url


def assert_private_and_not_page_cached(client, url):
    first = client.get(url)
    second = client.get(url)
    for response in (first, second):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives
        assert "X-Page-Cache" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("filled", [False, True], ids=["empty", "with-a-line"])
def test_the_cart_page_is_private_and_never_page_cached(client, knives, settings, filled):
    settings.PAGE_CACHE_SECONDS = 600
    if filled:
        client.post(reverse("catalogue:cart_add"), {"product_id": add_product(knives, stock=3).pk})
        client.get(reverse("catalogue:cart"))  # shows the "added" message once

    assert_private_and_not_page_cached(client, reverse("catalogue:cart"))


def stepper_forms(html: str, product) -> list[str]:
    """The cart_update forms of one line, in page order: −, the number box, +."""
    forms = re.findall(r'<form method="post" action="/cart/update/".*?</form>', html, re.S)
    return [form for form in forms if f'name="product_id" value="{product.pk}"' in form]


@pytest.mark.django_db
def test_cart_lines_have_steppers_that_work_without_javascript(client, knives):
    product = add_product(knives, title="Chef knife", stock=5)
    add(client, product, "2")
    minus, number, plus = stepper_forms(client.get(reverse("catalogue:cart")).content.decode(), product)
    for form in (minus, number, plus):
        assert 'name="csrfmiddlewaretoken"' in form
    assert 'type="hidden" name="quantity" value="1"' in minus and "One fewer Chef knife" in minus
    assert 'type="number" name="quantity"' in number and 'value="2"' in number
    assert 'type="hidden" name="quantity" value="3"' in plus and "One more Chef knife" in plus

    # What pressing + then − posts: the stepper's own value, under today's quantity rules.
    response = client.post(
        reverse("catalogue:cart_update"), {"product_id": product.pk, "quantity": "3"}, follow=True
    )
    assert "Cart updated." in response.content.decode() and CartLine.objects.get().quantity == 3
    client.post(reverse("catalogue:cart_update"), {"product_id": product.pk, "quantity": "2"})
    assert CartLine.objects.get().quantity == 2


@pytest.mark.django_db
def test_minus_is_disabled_at_one_and_plus_past_stock_gets_the_stock_message(client, knives):
    product = add_product(knives, title="Board", stock=1)
    add(client, product, "1")
    minus, _number, plus = stepper_forms(client.get(reverse("catalogue:cart")).content.decode(), product)
    assert " disabled>" in minus and " disabled>" not in plus
    # A hand-made post of what − would send at 1, and of what + sends past the stock.
    response = client.post(
        reverse("catalogue:cart_update"), {"product_id": product.pk, "quantity": "0"}, follow=True
    )
    assert "at least 1" in response.content.decode()
    response = client.post(
        reverse("catalogue:cart_update"), {"product_id": product.pk, "quantity": "2"}, follow=True
    )
    assert "only 1 of Board left" in response.content.decode()
    assert CartLine.objects.get().quantity == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("-1", "whole number"),
        ("+1", "whole number"),
        ("2.0", "whole number"),
        ("0x10", "whole number"),
        (" ", "whole number"),
        ("1" * 40, "whole number"),
        ("²", "whole number"),
        ("21", "at most 20"),
        ("6", "only 5 of"),
    ],
)
def test_hostile_stepper_posts_get_a_message_and_change_nothing(client, knives, quantity, message):
    product = add_product(knives, stock=5)
    add(client, product, "2")
    response = client.post(
        reverse("catalogue:cart_update"), {"product_id": product.pk, "quantity": quantity}, follow=True
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert CartLine.objects.get().quantity == 2


@pytest.mark.django_db
def test_stepper_posts_for_someone_elses_or_no_line_change_nothing(client, knives):
    mine = add_product(knives, stock=5)
    other = add_product(knives, stock=5)
    add(client, mine, "1")
    response = client.post(
        reverse("catalogue:cart_update"), {"product_id": other.pk, "quantity": "2"}, follow=True
    )
    assert "not in your cart" in response.content.decode()
    response = client.post(
        reverse("catalogue:cart_update"), {"product_id": "1 OR 1=1", "quantity": "2"}, follow=True
    )
    assert "not available" in response.content.decode()
    assert list(CartLine.objects.values_list("product_id", "quantity")) == [(mine.pk, 1)]


@pytest.mark.django_db
def test_cart_lines_show_card_thumbnails(client, knives):
    product = add_product(knives, title="Chef knife", stock=5)
    add(client, product, "1")
    html = client.get(reverse("catalogue:cart")).content.decode()
    rendition = product.main_image.get_rendition("fill-400x400|format-jpeg")
    assert f'<img src="{rendition.url}" alt="" width="80" height="80"' in html


@pytest.mark.django_db
def test_the_cart_page_costs_the_same_queries_for_one_line_or_five(client, knives):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_cart():
        client.get(reverse("catalogue:cart"))  # the first render makes any missing renditions
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("catalogue:cart"))
        return len(captured)

    add(client, add_product(knives, stock=5), "1")
    one_line = queries_for_cart()
    for _ in range(4):
        add(client, add_product(knives, stock=5), "1")
    assert queries_for_cart() == one_line
    assert one_line <= 6  # cart, lines with products, gallery, renditions, site, SEO settings
