from decimal import Decimal

import pytest

from catalogue.factories import CategoryPageFactory, ReviewFactory
from catalogue.models import ProductPage
from catalogue.tests.conftest import add_product
from users.factories import UserFactory


@pytest.mark.django_db
def test_in_stock_and_in_category_cover_the_subtree(home_page, kitchen, knives):
    garden = CategoryPageFactory(parent=home_page, title="Garden")
    in_knives = add_product(knives, image=False, stock=2)
    in_kitchen = add_product(kitchen, image=False, stock=0)
    elsewhere = add_product(garden, image=False, stock=5)

    assert set(ProductPage.objects.in_category(kitchen)) == {in_knives, in_kitchen}
    assert set(ProductPage.objects.live().in_stock()) == {in_knives, elsewhere}
    assert list(ProductPage.objects.live().in_stock().in_category(kitchen)) == [in_knives]


@pytest.mark.django_db
def test_price_between_is_inclusive(knives):
    cheap = add_product(knives, image=False, price=Decimal("10.00"))
    dear = add_product(knives, image=False, price=Decimal("20.00"))
    assert set(ProductPage.objects.price_between(Decimal("10"), Decimal("20"))) == {cheap, dear}
    assert list(ProductPage.objects.price_between(minimum=Decimal("10.01"))) == [dear]


@pytest.mark.django_db
def test_with_rating_counts_only_approved_reviews(knives):
    product = add_product(knives, image=False)
    unrated = add_product(knives, image=False)
    ReviewFactory(product=product, user=UserFactory(), rating=5, status="approved")
    ReviewFactory(product=product, user=UserFactory(), rating=2, status="approved")
    ReviewFactory(product=product, user=UserFactory(), rating=1, status="pending")
    rated = {p.pk: p for p in ProductPage.objects.with_rating()}
    assert (rated[product.pk].rating_average, rated[product.pk].rating_count) == (3.5, 2)
    assert (rated[unrated.pk].rating_average, rated[unrated.pk].rating_count) == (None, 0)


@pytest.mark.django_db
def test_stock_state(knives):
    assert add_product(knives, image=False, stock=0).stock_state == "out_of_stock"
    assert add_product(knives, image=False, stock=5).stock_state == "low_stock"
    assert add_product(knives, image=False, stock=6).stock_state == "in_stock"
