"""Staff see back-in-stock alerts in a read-only listing; nobody adds, edits or deletes them there."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalogue.models import BackInStockSubscription
from catalogue.tests.fixtures import add_product, add_variants
from users.factories import UserFactory


@pytest.fixture
def alerts(knives):
    pan = add_product(knives, image=False, title="Copper pan", stock=0)
    apron = add_product(knives, image=False, title="Apron", stock=0)
    (large,) = add_variants(apron, {"sku": "APRON-L", "size": "L", "stock": 0})
    BackInStockSubscription.objects.create(product=pan, email="ann@example.com")
    return BackInStockSubscription.objects.create(product=apron, variant=large, email="bob@example.com")


def member_of(name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Moderators"])
def test_stock_staff_see_who_waits_for_what(client, alerts, group):
    client.force_login(member_of(group))
    html = client.get(reverse("stock_alerts:index")).content.decode()
    assert "ann@example.com" in html and "bob@example.com" in html and "APRON-L" in html
    assert reverse("stock_alerts:add") not in html
    inspect = client.get(reverse("stock_alerts:inspect", args=[alerts.pk]))
    assert inspect.status_code == 200 and "bob@example.com" in inspect.content.decode()


@pytest.mark.django_db
def test_nothing_can_be_written_there_even_by_a_superuser(admin_client, alerts):
    assert admin_client.get(reverse("stock_alerts:index")).status_code == 200
    for url in (
        reverse("stock_alerts:add"),
        reverse("stock_alerts:edit", args=[alerts.pk]),
        reverse("stock_alerts:delete", args=[alerts.pk]),
    ):
        assert admin_client.post(url, {"email": "eve@example.com"}).status_code in (302, 403)
    assert BackInStockSubscription.objects.filter(email="bob@example.com").exists()
    assert not BackInStockSubscription.objects.filter(email="eve@example.com").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Editors", "Marketers"])
def test_content_staff_do_not_see_shoppers_addresses(client, alerts, group):
    client.force_login(member_of(group))
    response = client.get(reverse("stock_alerts:index"))
    assert response.status_code == 302 and "ann@example.com" not in response.content.decode()


@pytest.mark.django_db
def test_the_listing_does_not_query_per_row(admin_client, knives, alerts, django_assert_max_num_queries):
    admin_client.get(reverse("stock_alerts:index"))
    with django_assert_max_num_queries(100) as few:
        admin_client.get(reverse("stock_alerts:index"))
    for n in range(15):
        product = add_product(knives, image=False, stock=0)
        (variant,) = add_variants(product, {"sku": f"V-{n}", "size": "S", "stock": 0})
        BackInStockSubscription.objects.create(product=product, variant=variant, email=f"s{n}@example.com")
    with django_assert_max_num_queries(100) as many:
        admin_client.get(reverse("stock_alerts:index"))
    assert len(many.captured_queries) == len(few.captured_queries)
