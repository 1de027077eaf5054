"""Every list endpoint costs the same number of queries for 5 items as for 100 (caches
empty, renditions already made), Wagtail's API v2 included. Each budget is the exact count,
so a query that grows with the items fails at one of the two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from catalogue.factories import BrandFactory, CategoryPageFactory, ReviewFactory
from catalogue.models import Cart, CartLine, ProductPage
from catalogue.services.orders import CheckoutDetails, order_place
from catalogue.tests.fixtures import GUEST_CHECKOUT, add_product, clear_caches, make_image
from users.factories import UserFactory

SIZES = (5, 100)


def products(knives, count):
    pictures = [make_image(f"pic-{n}") for n in range(3)]
    brands = [BrandFactory() for _ in range(3)]
    made = []
    for n in range(count):
        product = add_product(
            knives, image=pictures[n % 3], title=f"Knife {n}", sku=f"K-{n}", stock=50, brand=brands[n % 3]
        )
        product.tags.add("steel")
        product.save()
        made.append(product)
    return made


def measure(client, url, params=None):
    first = client.get(url, params)  # makes renditions, as an earlier visitor would
    assert first.status_code == 200, first.content
    clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response.json()


# Lists that show prices include one query for the live promotions (catalogue.pricing.promotions),
# made once per content generation whatever the number of products.
PRODUCT_LISTS = {
    "browse": ("/api/v1/products/", {"page_size": 100}, 5),
    # Private sections are checked inside the search's own query, and a page of results
    # comes with its total in one query, on SQLite and PostgreSQL alike.
    "search": ("/api/v1/products/", {"page_size": 100, "q": "knife"}, 6),
    "v2 all fields": ("/api/v2/pages/", {"type": "catalogue.ProductPage", "fields": "*", "limit": 100}, 12),
    "v2 default fields": ("/api/v2/pages/", {"type": "catalogue.ProductPage", "limit": 100}, 11),
    "v2 any page": ("/api/v2/pages/", {"limit": 100, "child_of": "__knives__"}, 9),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PRODUCT_LISTS)
@pytest.mark.parametrize("size", SIZES)
def test_product_lists_are_flat_in_queries(client, knives, name, size):
    url, params, budget = PRODUCT_LISTS[name]
    params = {key: knives.pk if value == "__knives__" else value for key, value in params.items()}
    products(knives, size)
    count, body = measure(client, url, params)
    assert len(body.get("results", body.get("items"))) == size
    assert count == budget


@pytest.mark.django_db
@pytest.mark.parametrize("size", SIZES)
def test_category_tree_is_flat_in_queries(client, home_page, size):
    top = CategoryPageFactory(parent=home_page, title="Top")
    for n in range(size - 1):
        CategoryPageFactory(parent=top, title=f"Sub {n}")
    count, body = measure(client, "/api/v1/categories/")
    assert len(body[0]["children"]) == size - 1
    assert count == 2


@pytest.mark.django_db
@pytest.mark.parametrize("size", SIZES)
def test_reviews_are_flat_in_queries(client, knives, size):
    (product,) = products(knives, 1)
    for _ in range(size):
        ReviewFactory(product=product, user=UserFactory(), status="approved")
    count, body = measure(client, f"/api/v1/products/{product.pk}/reviews/", {"page_size": 100})
    assert len(body["results"]) == size
    assert count == 2


@pytest.mark.django_db
@pytest.mark.parametrize("size", SIZES)
def test_order_history_is_flat_in_queries(knives, size):
    shopper = UserFactory()
    (product,) = products(knives, 1)
    ProductPage.objects.filter(pk=product.pk).update(stock=1000)  # stock is never edited through revisions
    cart = Cart.objects.create(user=shopper)
    for _ in range(size):
        CartLine.objects.create(cart=cart, product=product, quantity=1)
        order_place(cart=cart, details=CheckoutDetails(**GUEST_CHECKOUT), user=shopper)
    client = APIClient()
    client.force_authenticate(shopper)
    count, body = measure(client, "/api/v1/account/orders/", {"page_size": 100})
    assert len(body["results"]) == size
    assert count == 3  # the page of orders, their lines, their tax lines


@pytest.mark.django_db
@pytest.mark.parametrize("size", SIZES)
def test_cart_is_flat_in_queries(knives, size):
    shopper = UserFactory()
    cart = Cart.objects.create(user=shopper)
    for product in products(knives, size):
        CartLine.objects.create(cart=cart, product=product, quantity=1)
    client = APIClient()
    client.force_authenticate(shopper)
    count, body = measure(client, "/api/v1/cart/")
    assert len(body["lines"]) == size
    assert count == 11  # ten, and the live promotions that price the lines
