"""Demo data for the admin's other screens: redirects, promoted results, orders, reviews, workflow."""

from collections import Counter

import pytest
from django.db.models import Sum
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from catalogue.demo import load_catalogue, loader
from catalogue.demo.marketing import load_promotions, load_redirects
from catalogue.demo.orders import load_shopper_orders
from catalogue.demo.workflow import load_waiting_products
from catalogue.factories import site_root_page
from catalogue.models import CategoryPage, Order, OrderLine, ProductPage, Review, StockMovement
from home.demo.accounts import DEMO_ACCOUNTS, ensure_demo_account

pytestmark = pytest.mark.django_db

PRODUCTS = 24


@pytest.fixture(autouse=True)
def small_pictures(monkeypatch):
    for name in ("PRODUCT_IMAGE_SIZE", "HERO_IMAGE_SIZE", "LOGO_SIZE"):
        width, height = getattr(loader, name)
        monkeypatch.setattr(loader, name, (width // 10, height // 10))


@pytest.fixture
def demo_shop():
    from io import StringIO

    for account in DEMO_ACCOUNTS:
        ensure_demo_account(account, "!unusable")
    load_catalogue(products=PRODUCTS, seed=7, stdout=StringIO(), home_page=site_root_page())
    return {product.pk: product.stock for product in ProductPage.objects.all()}


def load_admin_screens():
    return (
        load_redirects(),
        load_promotions(),
        str(load_shopper_orders(sku_prefix="DEMO-")),
        load_waiting_products(seed=7),
    )


def test_redirects_include_one_to_a_page_and_they_answer(client, demo_shop):
    assert load_redirects() == 4

    kitchen = CategoryPage.objects.get(slug="kitchen")
    assert Redirect.objects.get(old_path="/kitchen-shop").redirect_page_id == kitchen.pk
    response = client.get("/kitchen-shop/")
    assert response.status_code == 301 and response.url.endswith(kitchen.url)
    offers = client.get("/offers/")
    assert offers.status_code == 302 and offers.url == "/search/?q=gift"


def test_promoted_results_point_at_the_pages_the_queries_are_about(demo_shop):
    assert load_promotions() == 3

    knife = SearchPromotion.objects.get(query__query_string="knife")
    assert knife.page.slug == "knives" and knife.description


def test_the_shopper_has_an_order_in_every_status_with_consistent_stock(demo_shop):
    summary = load_shopper_orders(sku_prefix="DEMO-")

    orders = Order.objects.filter(user__email="shopper@example.com")
    assert Counter(orders.values_list("status", flat=True)) == dict.fromkeys(Order.Status.values, 1)
    assert summary.orders_created == 5
    for product in ProductPage.objects.all():
        ledger = StockMovement.objects.filter(product=product).aggregate(total=Sum("change"))["total"] or 0
        assert product.stock == demo_shop[product.pk] + ledger
        sold = (
            OrderLine.objects.filter(product=product)
            .exclude(order__status=Order.Status.CANCELLED)
            .aggregate(total=Sum("quantity"))["total"]
            or 0
        )
        assert product.stock == demo_shop[product.pk] - sold
    cancelled = orders.get(status=Order.Status.CANCELLED)
    assert [change.to_status for change in cancelled.status_changes.all()] == ["pending", "paid", "cancelled"]


def test_demo_orders_send_no_confirmation_emails(demo_shop, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_shopper_orders(sku_prefix="DEMO-")

    assert mailoutbox == []
    assert not Order.objects.filter(confirmation_sent_at=None).exists()


def test_what_the_shopper_completed_they_reviewed_as_verified_purchases(demo_shop):
    load_shopper_orders(sku_prefix="DEMO-")

    completed = Order.objects.get(user__email="shopper@example.com", status=Order.Status.COMPLETED)
    bought = set(completed.lines.values_list("product_id", flat=True))
    reviews = Review.objects.filter(user__email="shopper@example.com")
    assert len(bought) == 2
    assert set(reviews.values_list("product_id", flat=True)) == bought
    assert all(review.verified_purchase and review.status == Review.Status.APPROVED for review in reviews)


def test_a_product_waits_at_each_workflow_task(demo_shop):
    assert load_waiting_products(seed=7) == 2

    def task_name(sku):
        page = Page.objects.get(pk=ProductPage.objects.get(sku=sku).pk)
        return page.current_workflow_task_state.task.name

    assert task_name("NEW-00001") == "Moderator approval"
    assert task_name("NEW-00002") == "SEO check"
    for product in ProductPage.objects.filter(sku__startswith="NEW-"):
        assert not product.live and product.stock > 0 and product.gallery_images.exists()


def test_running_again_adds_nothing(demo_shop):
    load_admin_screens()
    counts = [
        model.objects.count()
        for model in (Redirect, SearchPromotion, Order, Review, ProductPage, StockMovement)
    ]

    assert load_admin_screens() == (0, 0, "0 new shopper orders, 0 new verified reviews", 0)
    assert counts == [
        model.objects.count()
        for model in (Redirect, SearchPromotion, Order, Review, ProductPage, StockMovement)
    ]
