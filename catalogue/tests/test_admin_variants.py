"""Variants in the admin: inline rows on the product, opening stock typed once, stock adjusted per variant."""

from decimal import Decimal

import pytest
from django.urls import reverse

from catalogue.models import ProductPage, ProductVariant, StockMovement
from catalogue.tests.fixtures import add_product, add_variants
from catalogue.tests.test_admin_opening_stock import add_url, admin_form, edit_url, member_of, new_product


def with_variant_rows(data, *rows):
    """The form data with these variant rows appended, as the inline panel's "Add variant" would post them."""
    start = int(data.get("variants-TOTAL_FORMS", 0))
    for offset, row in enumerate(rows):
        prefix = f"variants-{start + offset}"
        data[f"{prefix}-id"] = ""
        data[f"{prefix}-ORDER"] = str(start + offset + 1)
        data[f"{prefix}-DELETE"] = ""
        for name, value in row.items():
            data[f"{prefix}-{name}"] = value
    data["variants-TOTAL_FORMS"] = str(start + len(rows))
    return data


@pytest.mark.django_db
def test_an_editor_adds_a_product_with_variants_and_their_opening_stock(client, knives):
    client.force_login(member_of("Editors"))
    data = admin_form(client, add_url(knives), **new_product())
    assert "variants-TOTAL_FORMS" in data  # the inline panel is on the form
    with_variant_rows(
        data,
        {"sku": "KN-100-S", "size": "Small", "stock": "4", "price_override": ""},
        {"sku": "KN-100-L", "size": "Large", "stock": "6", "price_override": "59.00"},
    )

    response = client.post(add_url(knives), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    product = ProductPage.objects.get(sku="KN-100")
    assert [(v.sku, v.stock) for v in product.variants.order_by("sort_order")] == [
        ("KN-100-S", 4),
        ("KN-100-L", 6),
    ]
    # No product stock was typed: it is the variants' sum.
    assert product.stock == 10
    assert (product.variant_count, product.price_min, product.price_max) == (
        2,
        Decimal("49.00"),
        Decimal("59.00"),
    )


@pytest.mark.django_db
def test_a_variants_stock_cannot_be_changed_in_the_editor(client, knives):
    product = add_product(knives, title="Apron", sku="AP", stock=0)
    (small,) = add_variants(product, {"sku": "AP-S", "size": "S", "stock": 4})
    client.force_login(member_of("Moderators"))
    data = admin_form(client, edit_url(product))
    assert data["variants-0-sku"] == "AP-S"
    data["variants-0-stock"] = "500"
    data["variants-0-size"] = "Small"
    data["action-publish"] = "action-publish"

    response = client.post(edit_url(product), data)

    assert response.status_code == 302
    small.refresh_from_db()
    assert (small.size, small.stock) == ("Small", 4)
    assert ProductPage.objects.get(pk=product.pk).stock == 4


@pytest.mark.django_db
def test_a_moderator_adjusts_one_variants_stock(client, knives):
    product = add_product(knives, title="Apron", sku="AP", stock=0)
    small, large = add_variants(product, {"sku": "AP-S", "size": "S"}, {"sku": "AP-L", "size": "L"})
    client.force_login(member_of("Moderators"))
    url = reverse("catalogue_stock_adjust", args=[product.pk])

    # Without a variant the form says which is missing; nothing moves.
    refused = client.post(url, {"change": "3", "note": "Delivery"})
    assert refused.status_code == 200 and "variant" in refused.context["form"].errors
    # Another product's variant is not a choice.
    other = add_product(knives, sku="GL")
    (glove,) = add_variants(other, {"sku": "GL-1"})
    assert (
        "variant"
        in client.post(url, {"variant": glove.pk, "change": "3", "note": "x"}).context["form"].errors
    )

    response = client.post(url, {"variant": large.pk, "change": "3", "note": "Delivery"})

    assert response.status_code == 302
    assert ProductVariant.objects.get(pk=large.pk).stock == 8
    assert ProductPage.objects.get(pk=product.pk).stock == 13
    assert StockMovement.objects.get().variant == large
    assert "AP-L" in client.get(url).content.decode()
