"""Big categories cost no more queries than small ones: the admin explorer and the category listing.

Each pair is measured with every cache empty (renditions already made by a first visit) and
must be equal, so a query per child fails at the larger size. Children are added in bulk
(``bulk_add_children``), as the demo loader adds them, which keeps 60 or 300 products quick.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalogue.demo.page_tree import bulk_add_children
from catalogue.factories import BrandFactory
from catalogue.models import ProductGalleryImage, ProductPage
from catalogue.tests.fixtures import clear_caches, make_image
from users.factories import UserFactory

pytestmark = pytest.mark.django_db


def fill(category, count: int) -> list[ProductPage]:
    brand = BrandFactory()
    pictures = [make_image(f"kettle-{n}") for n in range(3)]
    pages = [
        ProductPage(
            title=f"Kettle {n}",
            slug=f"kettle-{n}",
            sku=f"{category.slug}-{n}",
            price="19.00",
            stock=n % 5,
            brand=brand,
        )
        for n in range(count)
    ]
    bulk_add_children(category, pages, published_at=[timezone.now()] * count)
    ProductGalleryImage.objects.bulk_create(
        ProductGalleryImage(page=page, image=pictures[n % 3], sort_order=0) for n, page in enumerate(pages)
    )
    return pages


def cold_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # renditions and lazy admin state, as a first visit makes
    clear_caches()  # the process's copy of the live promotions too, or its age decides the count
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def explorer_queries(client, category, children: int) -> int:
    fill(category, children)
    return cold_queries(client, f"/admin/pages/{category.pk}/")


def staff(client, *, superuser: bool):
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True, is_superuser=superuser)
    if not superuser:
        user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)


def test_the_admin_explorer_costs_a_superuser_the_same_queries_for_10_and_60_products(client, knives):
    from catalogue.factories import CategoryPageFactory

    staff(client, superuser=True)
    small = CategoryPageFactory(parent=knives.get_parent(), title="Small shelf")

    assert explorer_queries(client, small, 10) == explorer_queries(client, knives, 60)


def test_the_admin_explorer_costs_an_editor_the_same_queries_for_60_and_600_products(client, knives):
    # Not 10 against 60: for a user who may edit but not publish, Wagtail's own delete
    # check (PagePermissionTester.can_delete) asks for live descendants once per listed
    # row. Rows are 50 a page, so the cost stops growing at 50 children, whatever the
    # shelf holds; README "Scale" says so.
    from catalogue.factories import CategoryPageFactory

    staff(client, superuser=False)
    small = CategoryPageFactory(parent=knives.get_parent(), title="Small shelf")

    assert explorer_queries(client, small, 60) == explorer_queries(client, knives, 600)


def test_a_deep_explorer_page_costs_what_the_first_does(admin_client, knives):
    fill(knives, 130)  # the explorer lists 50 a page: page 3 holds the last 30

    first = cold_queries(admin_client, f"/admin/pages/{knives.pk}/")
    deep = cold_queries(admin_client, f"/admin/pages/{knives.pk}/?p=3")

    assert deep == first


def test_the_category_listing_costs_the_same_for_30_and_300_products_and_on_a_deep_page(
    client, kitchen, knives
):
    from catalogue.factories import CategoryPageFactory

    small = CategoryPageFactory(parent=kitchen, title="Small shelf", slug="small-shelf")
    fill(small, 30)
    fill(knives, 300)

    few = cold_queries(client, small.url)
    many = cold_queries(client, knives.url)
    deep = cold_queries(client, f"{knives.url}?page=12")  # 24 a page: the 12th of 13

    assert few == many == deep
