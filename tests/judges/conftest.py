"""The shop the outside judges look at: the demo catalogue, and a shopper with an order and a full cart.

The judges are tools from outside the project (axe-core in Chromium, the Nu HTML
checker in Java), so they look at the pages a visitor gets, built from the same
demo data ``make run`` serves: pictures, ratings, stories and all.
"""

import io
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

# The browser fixtures (and the hook that keeps a failing page's screenshot) are the
# browser tests' own; the axe test here uses them as they are.
from tests.browser.conftest import (  # noqa: F401
    browser,
    context_options,
    new_page,
    page,
    pytest_runtest_makereport,
)

DEMO_PRODUCTS = 30
DEMO_SEED = 1
SHOPPER_EMAIL = "shopper@example.com"


@dataclass
class Shop:
    """The demo shop's pages the judges visit, by kind, and the shopper who owns an order."""

    shopper: object
    home: str
    category: str
    product: str
    story_index: str
    story: str
    search_term: str
    order_reference: str

    def shopper_pages(self) -> dict[str, str]:
        """The pages only the signed-in shopper sees, with a product in the cart and an order."""
        from django.urls import reverse

        return {
            "cart": reverse("catalogue:cart"),
            "checkout": reverse("catalogue:checkout"),
            "order-confirmation": reverse("catalogue:order_confirmation", args=[self.order_reference]),
            "account": reverse("users:dashboard"),
            "order-history": reverse("catalogue:order_history"),
            "order-detail": reverse("catalogue:order_detail", args=[self.order_reference]),
            "order-invoice": reverse("catalogue:order_invoice", args=[self.order_reference]),
            "profile": reverse("users:profile"),
            "password-change": reverse("users:password_change"),
            "password-change-done": reverse("users:password_change_done"),
        }


@pytest.fixture
def demo_shop() -> Shop:
    """Loads the demo data, places one order for the demo shopper and puts a product
    in their cart again, so cart, checkout and order pages all have something to show.

    The test using it needs database access (``django_db``)."""
    from catalogue.models import Cart, CategoryPage, ProductPage, StoryIndexPage, StoryPage
    from catalogue.services.cart import cart_add
    from catalogue.services.orders import CheckoutDetails, order_place
    from home.models import HomePage

    call_command(
        "load_demo_data", "--products", str(DEMO_PRODUCTS), "--seed", str(DEMO_SEED), stdout=io.StringIO()
    )
    shopper = get_user_model().objects.get(email=SHOPPER_EMAIL)
    # The fullest top-level category (it has a page 2), and in it a product with
    # ratings to show and stock to sell.
    products = ProductPage.objects.live()
    category = max(
        CategoryPage.objects.live().filter(depth=3).order_by("path"),
        key=lambda top: products.descendant_of(top).count(),
    )
    product = (
        products.descendant_of(category)
        .filter(stock__gt=5, reviews__isnull=False)
        .order_by("path")
        .distinct()
        .first()
    )
    cart, _ = Cart.objects.get_or_create(user=shopper)
    cart_add(cart=cart, product_id=product.pk, quantity=1)
    order = order_place(
        cart=cart,
        details=CheckoutDetails(
            email=SHOPPER_EMAIL,
            full_name="Sam Shopper",
            address_line1="1 High Street",
            city="Leeds",
            postcode="LS1 1AA",
            country="GB",
            shipping_method=next(iter(settings.SHOP_SHIPPING_METHODS)),
            payment_method="invoice",
        ),
        user=shopper,
    )
    cart_add(cart=cart, product_id=product.pk, quantity=2)
    return Shop(
        shopper=shopper,
        home=HomePage.objects.live().get().url,
        category=category.url,
        product=product.url,
        story_index=StoryIndexPage.objects.live().get().url,
        story=StoryPage.objects.live().order_by("path").first().url,
        search_term=product.title.split(",")[0],
        order_reference=str(order.reference),
    )
