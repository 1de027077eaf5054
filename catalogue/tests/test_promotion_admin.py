"""Who runs prices, through the real admin: marketers draft promotions and sales, moderators approve.

Shoppers and editors cannot reach promotions or vouchers at all.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Page

from catalogue.models import ProductPage, ProductVariant, Promotion, Voucher
from catalogue.pricing import price_for
from catalogue.tests.fixtures import add_product, add_variants
from home.tests.workflow_admin import edit_form_data, edit_url, member_of
from users.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def marketer(db):
    return member_of("Marketers", "marketer@example.com")


@pytest.fixture
def moderator(db):
    return member_of("Moderators", "moderator@example.com")


@pytest.fixture
def editor(db):
    return member_of("Editors", "editor@example.com")


def promotion_form(product, **changes):
    return {
        "name": "Knife week",
        "kind": "percent",
        "value": "20",
        "starts_at": "",
        "ends_at": "",
        "products": [str(product.pk)],
        **changes,
    }


def test_a_marketer_drafts_and_submits_a_promotion_which_a_moderator_approves(
    client, marketer, moderator, knives
):
    product = add_product(knives, image=False, price=Decimal("50.00"))
    client.force_login(marketer)
    add_url = reverse("wagtailsnippets_catalogue_promotion:add")
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, {**promotion_form(product), "action-submit": "1"})
    assert response.status_code == 302
    promotion = Promotion.objects.get()
    assert not promotion.live and promotion.workflow_in_progress
    # Submitted is not in force.
    assert price_for(ProductPage.objects.get(pk=product.pk)).amount == Decimal("50.00")

    client.force_login(moderator)
    task_state = promotion.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_catalogue_promotion:workflow_action", args=[promotion.pk, "approve", task_state.pk]
    )
    assert client.post(url, {"comment": ""}).status_code in (200, 302)
    promotion.refresh_from_db()
    assert promotion.live
    assert price_for(ProductPage.objects.get(pk=product.pk)).amount == Decimal("40.00")


def test_a_marketer_cannot_publish_a_promotion_themselves(client, marketer, knives):
    product = add_product(knives, image=False, price=Decimal("50.00"))
    client.force_login(marketer)
    client.post(
        reverse("wagtailsnippets_catalogue_promotion:add"), {**promotion_form(product), "action-publish": "1"}
    )
    promotion = Promotion.objects.get()
    assert not promotion.live
    assert price_for(ProductPage.objects.get(pk=product.pk)).amount == Decimal("50.00")


def test_a_promotion_form_refuses_a_percentage_over_100_and_an_end_before_the_start(client, marketer, knives):
    product = add_product(knives, image=False)
    client.force_login(marketer)
    response = client.post(
        reverse("wagtailsnippets_catalogue_promotion:add"),
        promotion_form(product, value="150", starts_at="2030-01-02 10:00", ends_at="2030-01-01 10:00"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "value" in errors and "ends_at" in errors
    assert not Promotion.objects.exists()


def test_a_marketer_manages_vouchers(client, marketer):
    client.force_login(marketer)
    response = client.post(
        reverse("wagtailsnippets_catalogue_voucher:add"),
        {
            "code": " summer-10 ",
            "active": "on",
            "description": "",
            "kind": "percent",
            "value": "10",
            "minimum_subtotal": "",
            "starts_at": "",
            "ends_at": "",
            "max_uses": "100",
            "max_uses_per_customer": "1",
        },
    )
    assert response.status_code == 302
    assert Voucher.objects.get().code == "SUMMER10"


@pytest.mark.parametrize("name", ["promotion", "voucher"])
def test_editors_and_shoppers_cannot_reach_promotions_or_vouchers(client, editor, name):
    index = reverse(f"wagtailsnippets_catalogue_{name}:list")
    add = reverse(f"wagtailsnippets_catalogue_{name}:add")
    client.force_login(editor)
    # Wagtail answers a user without the permission with a redirect to the dashboard and a message.
    for url in (index, add):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    client.force_login(UserFactory(email="shopper@example.com"))
    for url in (index, add):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_marketer_can_set_a_products_sale_but_not_its_price(client, marketer, knives):
    product = add_product(knives, image=False, price=Decimal("50.00"))
    client.force_login(marketer)
    data = edit_form_data(client, product, sale_price="35.00", sale_ends_at="2030-01-01 10:00", price="1.00")
    response = client.post(edit_url(product), data)
    assert response.status_code == 302
    draft = Page.objects.get(pk=product.pk).get_latest_revision_as_object()
    assert draft.sale_price == Decimal("35.00")
    assert draft.price == Decimal("50.00")  # not in the marketer's form: the posted value is never read
    # A draft is not live: shoppers still pay the published price until it is approved.
    assert price_for(ProductPage.objects.get(pk=product.pk)).amount == Decimal("50.00")


def test_the_product_form_refuses_a_sale_price_above_the_price(client, moderator, knives):
    product = add_product(knives, image=False, price=Decimal("50.00"))
    client.force_login(moderator)
    data = edit_form_data(client, product, sale_price="60.00")
    response = client.post(edit_url(product), data)
    assert response.status_code == 200
    assert "A sale price must be lower than the price." in response.content.decode()


# --- variant targets ------------------------------------------------------------------------


@pytest.fixture
def apron(knives):
    product = add_product(knives, title="Apron", sku="AP", price=Decimal("20.00"), image=False)
    add_variants(product, {"sku": "AP-S", "size": "S"}, {"sku": "AP-L", "size": "L"})
    return ProductPage.objects.get(pk=product.pk)


def test_a_marketer_adds_variant_targets_which_lower_that_variant_once_approved(
    client, marketer, moderator, apron
):
    large = ProductVariant.objects.get(sku="AP-L")
    client.force_login(marketer)
    add_url = reverse("wagtailsnippets_catalogue_promotion:add")
    form = client.get(add_url).content.decode()
    assert "Apron: AP-L (Size: L)" in form  # each variant named with its product
    data = {
        **promotion_form(apron, value="25", products=[]),
        "variants": [str(large.pk)],
        "action-submit": "1",
    }
    assert client.post(add_url, data).status_code == 302
    promotion = Promotion.objects.get()
    assert list(promotion.variants.all()) == [large] and not promotion.live

    client.force_login(moderator)
    task_state = promotion.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_catalogue_promotion:workflow_action", args=[promotion.pk, "approve", task_state.pk]
    )
    client.post(url, {"comment": ""})
    assert price_for(apron, ProductVariant.objects.get(sku="AP-L")).amount == Decimal("15.00")
    assert price_for(apron, ProductVariant.objects.get(sku="AP-S")).amount == Decimal("20.00")


@pytest.mark.parametrize("raw", ["abc", "-1", "99999999", "9" * 40, "1;DROP TABLE", "١", ""])
def test_a_promotion_form_refuses_a_variant_that_does_not_exist(client, marketer, apron, raw):
    client.force_login(marketer)
    data = {**promotion_form(apron), "variants": [raw]}
    response = client.post(reverse("wagtailsnippets_catalogue_promotion:add"), data)
    assert response.status_code == 200
    assert "variants" in response.context["form"].errors
    assert not Promotion.objects.exists()


def test_an_editor_cannot_add_or_change_variant_targets(client, editor, apron):
    large = ProductVariant.objects.get(sku="AP-L")
    promotion = Promotion.objects.create(name="Draft", kind="percent", value=Decimal("10"), live=False)
    client.force_login(editor)
    for url in (
        reverse("wagtailsnippets_catalogue_promotion:add"),
        reverse("wagtailsnippets_catalogue_promotion:edit", args=[promotion.pk]),
    ):
        response = client.post(url, {**promotion_form(apron), "variants": [str(large.pk)]})
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not promotion.variants.exists()
    assert Promotion.objects.count() == 1


def test_the_preview_lists_each_targeted_variant_before_and_after(client, marketer, apron):
    large = ProductVariant.objects.get(sku="AP-L")
    client.force_login(marketer)
    url = reverse("wagtailsnippets_catalogue_promotion:preview_on_add")
    data = {**promotion_form(apron, value="25", products=[]), "variants": [str(large.pk)]}
    assert client.post(url, data).json()["is_valid"]
    html = client.get(url).content.decode()
    assert "Apron: AP-L (Size: L)" in html
    assert "€20.00" in html and "€15.00" in html
