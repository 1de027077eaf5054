"""Low stock is judged per shelf: a product sold without variants, or each variant on its own."""

import pytest
from django.urls import reverse

from catalogue.low_stock import low_stock_shelves
from catalogue.tasks import send_low_stock_alert
from catalogue.tests.fixtures import add_product, add_variants
from catalogue.wagtail_hooks import LowStockPanel


@pytest.fixture
def apron(knives):
    """A total of 21, healthy; but size L is down to its last one."""
    product = add_product(knives, image=False, title="Apron", stock=0)
    add_variants(
        product, {"sku": "APRON-M", "size": "M", "stock": 20}, {"sku": "APRON-L", "size": "L", "stock": 1}
    )
    return product


def build(knives, count):
    """``count`` products with three variants each (one low), and ``count`` low products without."""
    for n in range(count):
        product = add_product(knives, image=False, title=f"Shirt {n}", stock=0)
        add_variants(
            product,
            {"sku": f"SH{n}-S", "size": "S", "stock": 30},
            {"sku": f"SH{n}-M", "size": "M", "stock": 2},
            {"sku": f"SH{n}-L", "size": "L", "stock": 30},
        )
        add_product(knives, image=False, title=f"Knife {n}", stock=n % 3)


@pytest.mark.django_db
def test_a_product_with_a_healthy_total_shows_its_low_variant(admin_client, apron, knives):
    add_product(knives, image=False, title="Plenty", stock=100)
    add_product(knives, image=False, title="Nearly gone", stock=2)

    shelves = low_stock_shelves()

    assert [(shelf.name, shelf.sku, shelf.stock) for shelf in shelves] == [
        ("Apron (L)", "APRON-L", 1),
        ("Nearly gone", shelves[1].sku, 2),
    ]
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Apron (L)" in html and "APRON-L" in html and "APRON-M" not in html and "Plenty" not in html
    assert reverse("catalogue_stock_adjust", args=[apron.pk]) in html


@pytest.mark.django_db
def test_a_product_stocked_by_variant_is_listed_by_variant_not_by_its_total(knives):
    product = add_product(knives, image=False, title="Socks", stock=0)
    add_variants(
        product, {"sku": "SOCK-S", "size": "S", "stock": 2}, {"sku": "SOCK-M", "size": "M", "stock": 9}
    )
    # The total (11) is healthy and no row shows it; S is low and shows.
    assert [(shelf.name, shelf.stock) for shelf in low_stock_shelves()] == [("Socks (S)", 2)]


@pytest.mark.django_db
def test_drafts_are_not_listed(knives, apron):
    apron.unpublish()
    hidden = add_product(knives, image=False, title="Draft", stock=1)
    hidden.unpublish()
    assert low_stock_shelves() == []


@pytest.mark.django_db
def test_the_daily_alert_lists_low_variants(apron, mailoutbox):
    assert send_low_stock_alert() == 1
    (email,) = mailoutbox
    assert "APRON-L" in email.body and "Apron (L)" in email.body and "APRON-M" not in email.body
    assert email.subject == "Low stock: 1 item"


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_the_panel_reads_every_shelf_in_two_queries(knives, count, django_assert_num_queries):
    build(knives, count)
    with django_assert_num_queries(2):
        context = LowStockPanel(can_adjust_stock=True).get_context_data()
    assert len(context["shelves"]) == min(LowStockPanel.limit, count * 2)
    with django_assert_num_queries(2):
        everything = low_stock_shelves()
    assert len(everything) == count * 2
    assert [shelf.stock for shelf in everything] == sorted(shelf.stock for shelf in everything)


@pytest.mark.django_db
def test_the_panel_keeps_the_lowest_across_products_and_variants(knives):
    build(knives, 12)
    panel = LowStockPanel(can_adjust_stock=False).get_context_data()["shelves"]
    assert [shelf.stock for shelf in panel] == [
        shelf.stock for shelf in low_stock_shelves()[: LowStockPanel.limit]
    ]
