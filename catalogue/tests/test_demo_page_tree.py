"""Pages added in bulk sit in the tree exactly as add_child would put them: fixtree finds nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Page

from catalogue.demo.page_tree import bulk_add_children, decode_step, encode_step
from catalogue.factories import CategoryPageFactory, ProductPageFactory
from catalogue.models import CategoryPage, ProductPage

pytestmark = pytest.mark.django_db

MAX_STEP = len(Page.alphabet) ** Page.steplen - 1


def unsaved_products(count: int, prefix: str = "bulk") -> list[ProductPage]:
    return [
        ProductPage(
            title=f"Bulk kettle {n}", slug=f"{prefix}-{n}", sku=f"{prefix.upper()}-{n}", price="9.50", stock=3
        )
        for n in range(count)
    ]


def add_in_bulk(parent, pages):
    when = timezone.now() - datetime.timedelta(days=1)
    bulk_add_children(parent, pages, published_at=[when] * len(pages))
    return pages


@given(st.integers(min_value=1, max_value=MAX_STEP))
def test_a_path_step_encodes_and_decodes_to_itself(step):
    segment = encode_step(step)

    assert len(segment) == Page.steplen
    assert decode_step(segment) == step


def test_steps_outside_the_tree_are_refused():
    with pytest.raises(ValueError):
        encode_step(0)
    with pytest.raises(ValueError):
        encode_step(MAX_STEP + 1)


def test_bulk_children_follow_the_ones_add_child_made_and_the_tree_has_no_problems(home_page):
    category = CategoryPageFactory(parent=home_page, title="Kettles")
    first = ProductPageFactory(parent=category, title="Made one by one")

    bulk = add_in_bulk(category, unsaved_products(3))
    after = ProductPageFactory(parent=category, title="Made after the bulk")

    children = list(category.get_children().order_by("path"))
    assert [page.pk for page in children] == [first.pk, *(page.pk for page in bulk), after.pk]
    assert all(page.depth == category.depth + 1 for page in children)
    category.refresh_from_db()
    assert category.numchild == 5
    assert Page.find_problems() == ([], [], [], [], [])
    out = StringIO()
    call_command("fixtree", "--noinput", stdout=out)
    assert "No problems found" in out.getvalue()


def test_bulk_pages_are_live_specific_pages_at_their_url(client, home_page):
    category = CategoryPageFactory(parent=home_page, title="Kettles", slug="kettles")

    (page,) = add_in_bulk(category, unsaved_products(1))

    stored = Page.objects.get(pk=page.pk)
    assert stored.specific_class is ProductPage
    assert stored.url_path == f"{category.url_path}bulk-0/"
    assert stored.live and not stored.has_unpublished_changes and stored.draft_title == page.title
    assert ProductPage.objects.get(pk=page.pk).sku == "BULK-0"
    response = client.get("/kettles/bulk-0/")
    assert response.status_code == 200
    assert "Bulk kettle 0" in response.content.decode()


def test_the_admin_explorer_and_editor_open_bulk_pages(admin_client, home_page):
    category = CategoryPageFactory(parent=home_page, title="Kettles")
    pages = add_in_bulk(category, unsaved_products(2))

    explorer = admin_client.get(f"/admin/pages/{category.pk}/")
    editor = admin_client.get(f"/admin/pages/{pages[0].pk}/edit/")

    assert explorer.status_code == 200 and "Bulk kettle 1" in explorer.content.decode()
    assert editor.status_code == 200


def test_pages_of_two_models_at_once_are_refused(home_page):
    category = CategoryPageFactory(parent=home_page, title="Kettles")

    with pytest.raises(TypeError):
        add_in_bulk(category, [*unsaved_products(1), CategoryPage(title="Odd one", slug="odd")])
    assert category.get_children().count() == 0
