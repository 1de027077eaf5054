"""Asking to be told when a sold-out product or variant is back: the product page's form and its view."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from catalogue.models import BackInStockSubscription
from catalogue.tests.fixtures import add_apron_with_a_sold_out_size, add_product, clear_caches

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def sold_out(knives):
    return add_product(knives, image=False, title="Copper pan", stock=0)


@pytest.fixture
def shirt(knives):
    """A product with one variant in stock (M) and one sold out (L)."""
    return add_apron_with_a_sold_out_size(knives)


def signup_url(product):
    return reverse("catalogue:stock_alert_create", args=[product.pk])


def has_form(html: str, product) -> bool:
    return f'action="{signup_url(product)}' in html


@pytest.mark.django_db
def test_a_guest_subscribes_to_a_sold_out_product_by_email(client, sold_out):
    page = client.get(sold_out.url).content.decode()
    assert has_form(page, sold_out)

    response = client.post(signup_url(sold_out), {"email": "  Grace@Example.COM "})

    assert response.status_code == 302 and response.url == sold_out.url
    subscription = BackInStockSubscription.objects.get()
    assert (subscription.product, subscription.variant, subscription.email, subscription.user) == (
        sold_out,
        None,
        "grace@example.com",
        None,
    )
    assert subscription.notified_at is None
    assert "We will email grace@example.com once" in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_a_signed_in_shopper_gets_their_address_filled_in_and_subscribes_to_a_variant(client, shirt, shopper):
    product, _, large = shirt
    client.force_login(shopper)
    page = client.get(product.url, {"variant": large.pk}).content.decode()
    form = page[page.index(f'action="{signup_url(product)}?variant={large.pk}"') :]
    assert 'value="shopper@example.com"' in form[: form.index("</form>")]

    response = client.post(
        f"{signup_url(product)}?variant={large.pk}", {"email": shopper.email, "variant": large.pk}
    )

    assert response.status_code == 302 and response.url == f"{product.url}?variant={large.pk}"
    subscription = BackInStockSubscription.objects.get()
    assert (subscription.variant, subscription.user, subscription.email) == (
        large,
        shopper,
        "shopper@example.com",
    )


@pytest.mark.django_db
def test_the_form_is_offered_only_for_what_is_sold_out(client, shirt, knives):
    product, medium, large = shirt
    in_stock = add_product(knives, image=False, stock=6)
    assert not has_form(client.get(in_stock.url).content.decode(), in_stock)
    # The default variant is the first in stock; a sold-out one asks for the alert.
    assert not has_form(client.get(product.url).content.decode(), product)
    assert not has_form(client.get(product.url, {"variant": medium.pk}).content.decode(), product)
    assert has_form(client.get(product.url, {"variant": large.pk}).content.decode(), product)


@pytest.mark.django_db
def test_asking_again_keeps_one_subscription(client, shirt):
    product, _, large = shirt
    for email in ("ann@example.com", "ANN@example.com", " ann@example.com"):
        assert client.post(signup_url(product), {"email": email, "variant": large.pk}).status_code == 302
    assert BackInStockSubscription.objects.filter(variant=large).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"email": "not-an-email"},
        {"email": ""},
        {},
        {"email": "a" * 300 + "@example.com"},
        {"email": "ann@example.com\r\nBcc: victim@example.com"},
        {"email": "ann@example.com", "variant": "abc"},
        {"email": "ann@example.com", "variant": "-1"},
        {"email": "ann@example.com", "variant": "9" * 40},
        {"email": "ann@example.com", "variant": "1 OR 1=1"},
        {"email": "x" * 100_000},
    ],
    ids=[
        "bad email",
        "empty email",
        "nothing",
        "huge email",
        "header injection",
        "garbage variant",
        "negative variant",
        "huge variant",
        "sql variant",
        "100k garbage",
    ],
)
def test_hostile_signups_are_refused_with_the_form_again(client, shirt, data):
    product, _, large = shirt
    response = client.post(f"{signup_url(product)}?variant={large.pk}", data)
    assert response.status_code == 400
    assert 'class="notice notice--error form-errors"' in response.content.decode()
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
def test_a_variant_is_required_for_a_product_with_variants(client, shirt):
    product, _, _ = shirt
    response = client.post(signup_url(product), {"email": "ann@example.com"})
    assert response.status_code == 400
    assert "Choose an option first." in response.content.decode()
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
def test_a_variant_of_another_product_is_refused(client, shirt, sold_out):
    _, _, large = shirt
    response = client.post(signup_url(sold_out), {"email": "ann@example.com", "variant": large.pk})
    assert response.status_code == 400
    assert "That option is not sold with this product." in response.content.decode()
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
def test_an_in_stock_variant_sends_the_shopper_back_to_buy_it(client, shirt):
    product, medium, _ = shirt
    response = client.post(
        signup_url(product), {"email": "ann@example.com", "variant": medium.pk}, follow=True
    )
    assert response.redirect_chain == [(f"{product.url}?variant={medium.pk}", 302)]
    assert "it is in stock, so you can order it now" in response.content.decode()
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
def test_unknown_products_and_wrong_methods_are_not_errors(client, sold_out):
    assert (
        client.post(reverse("catalogue:stock_alert_create", args=[10**12]), {"email": "a@b.co"}).status_code
        == 404
    )
    assert client.get(signup_url(sold_out)).status_code == 405
    sold_out.unpublish()
    assert client.post(signup_url(sold_out), {"email": "a@b.co"}).status_code == 404
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
def test_a_signup_without_a_csrf_token_is_forbidden(sold_out):
    guarded = Client(enforce_csrf_checks=True)
    assert guarded.post(signup_url(sold_out), {"email": "ann@example.com"}).status_code == 403
    assert not BackInStockSubscription.objects.exists()


@pytest.mark.django_db
def test_signups_past_the_rate_are_refused_per_address(client, settings, sold_out, knives):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "stock_alert": "2/min",
        },
    }
    other = add_product(knives, image=False, stock=0)
    statuses = [
        client.post(
            signup_url(product), {"email": f"n{n}@example.com"}, REMOTE_ADDR="198.51.100.7"
        ).status_code
        for n, product in enumerate([sold_out, other, sold_out])
    ]
    assert statuses == [302, 302, 429]
    assert BackInStockSubscription.objects.count() == 2
    # Another address has its own count.
    assert (
        client.post(signup_url(other), {"email": "z@example.com"}, REMOTE_ADDR="198.51.100.8").status_code
        == 302
    )


@pytest.mark.django_db
def test_the_cached_page_holds_no_address_and_its_form_works_for_a_new_visitor(settings, sold_out, shopper):
    settings.PAGE_CACHE_SECONDS = 600
    signed_in = Client()
    signed_in.force_login(shopper)
    assert "shopper@example.com" in signed_in.get(sold_out.url).content.decode()

    clear_caches()
    Client().get(sold_out.url)  # stores the page
    visitor = Client(enforce_csrf_checks=True)
    cached = visitor.get(sold_out.url)
    html = cached.content.decode()
    assert has_form(html, sold_out)
    assert "shopper@example.com" not in html

    (token,) = set(TOKEN.findall(html))
    response = visitor.post(signup_url(sold_out), {"email": "new@example.com", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert BackInStockSubscription.objects.get().email == "new@example.com"


@pytest.mark.django_db
def test_the_form_adds_no_query_to_a_cold_product_page(client, knives, django_assert_max_num_queries):
    """A sold-out page (with the form) costs the same queries as an in-stock one (without it)."""
    in_stock = add_product(knives, image=False, title="Whetstone", stock=8)
    sold_out = add_product(knives, image=False, title="Honing rod", stock=0)
    client.get(add_product(knives, image=False, stock=3).url)  # once in a shop's life: the SEO settings row
    counts = []
    urls = {
        product: product.url for product in (in_stock, sold_out)
    }  # outside the count: the test's own lookups
    for product in (in_stock, sold_out, in_stock):
        clear_caches()
        with django_assert_max_num_queries(500) as captured:
            html = client.get(urls[product]).content.decode()
        counts.append(len(captured.captured_queries))
        assert has_form(html, product) is (product == sold_out)
    assert counts[0] == counts[1] == counts[2]
