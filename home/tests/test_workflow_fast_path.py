"""SEO-only changes to a live page go live through the SEO check alone; everything else takes the full workflow.

Driven through the real admin views: the marketer's edit form, the workflow action
URL, the page history.
"""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from catalogue.factories import CategoryPageFactory, ImageFactory, ProductPageFactory
from home.seo.workflows import CONTENT_CHANGED_ACTION, SEO_ONLY_SKIP_ACTION
from home.tests.workflow_admin import (
    GOOD_DESCRIPTION,
    current_task_name,
    edit_url,
    post_edit,
    workflow_action,
)

FIXED_DESCRIPTION = (
    "Hand-oiled walnut chopping board, kind to knife edges: a board for a lifetime of cooking."
)


@pytest.fixture
def live_product(home_page):
    category = CategoryPageFactory(parent=home_page, title="Kitchen", slug="kitchen")
    product = ProductPageFactory(
        parent=category,
        title="Walnut board",
        slug="walnut-board",
        price="25.00",
        search_description=GOOD_DESCRIPTION,
    )
    product.gallery_images.create(image=ImageFactory())
    product.save_revision().publish()
    return product


def task_history(page):
    state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    return [(ts.task.name, ts.status) for ts in state.task_states.order_by("started_at", "pk")]


@pytest.mark.django_db
def test_a_marketers_meta_description_fix_goes_live_after_the_seo_check_alone(client, marketer, live_product):
    client.force_login(marketer)
    post_edit(client, live_product, "action-submit", search_description=FIXED_DESCRIPTION)

    assert current_task_name(live_product) == "SEO check"
    response = workflow_action(client, live_product, "approve")

    assert response.status_code == 200
    live_product.refresh_from_db()
    assert live_product.search_description == FIXED_DESCRIPTION
    assert task_history(live_product) == [
        ("Moderator approval", TaskState.STATUS_SKIPPED),
        ("SEO check", TaskState.STATUS_APPROVED),
    ]
    client.logout()
    assert (
        f'<meta name="description" content="{FIXED_DESCRIPTION}">'
        in client.get(live_product.url).content.decode()
    )


@pytest.mark.django_db
def test_the_history_shows_who_skipped_and_who_approved_what(client, marketer, live_product):
    client.force_login(marketer)
    post_edit(client, live_product, "action-submit", search_description=FIXED_DESCRIPTION)
    workflow_action(client, live_product, "approve")

    skipped = PageLogEntry.objects.get(page=live_product, action=SEO_ONLY_SKIP_ACTION)
    assert skipped.user == marketer and skipped.data["workflow"]["task"]["title"] == "Moderator approval"
    approved = PageLogEntry.objects.get(page=live_product, action="wagtail.workflow.approve")
    assert approved.user == marketer and approved.data["workflow"]["task"]["title"] == "SEO check"
    history = client.get(reverse("wagtailadmin_pages:history", args=[live_product.pk])).content.decode()
    assert "Only SEO fields changed: &#x27;Moderator approval&#x27; skipped, on to the SEO check" in history


@pytest.mark.django_db
def test_with_the_fast_path_off_an_seo_fix_waits_for_a_moderator(client, settings, marketer, live_product):
    settings.SHOP_SEO_ONLY_FAST_PATH = False
    client.force_login(marketer)
    post_edit(client, live_product, "action-submit", search_description=FIXED_DESCRIPTION)

    assert current_task_name(live_product) == "Moderator approval"
    workflow_action(client, live_product, "approve")  # not the marketer's task
    live_product.refresh_from_db()
    assert live_product.search_description == GOOD_DESCRIPTION


@pytest.mark.django_db
def test_a_change_mixing_content_and_seo_takes_the_full_workflow(
    client, editor, moderator, marketer, live_product
):
    client.force_login(editor)
    post_edit(client, live_product, "action-submit", search_description=FIXED_DESCRIPTION, price="19.00")

    assert current_task_name(live_product) == "Moderator approval"
    client.force_login(moderator)
    workflow_action(client, live_product, "approve")
    client.force_login(marketer)
    workflow_action(client, live_product, "approve")
    live_product.refresh_from_db()
    assert (str(live_product.price), live_product.search_description) == ("19.00", FIXED_DESCRIPTION)
    assert task_history(live_product) == [
        ("Moderator approval", TaskState.STATUS_APPROVED),
        ("SEO check", TaskState.STATUS_APPROVED),
    ]


@pytest.mark.django_db
def test_a_marketer_posting_content_fields_still_changes_only_seo(client, marketer, live_product):
    client.force_login(marketer)
    post_edit(
        client,
        live_product,
        "action-submit",
        search_description=FIXED_DESCRIPTION,
        price="1.00",
        title="Free",
    )

    # The price and title were never read, so the change is SEO-only and takes the fast path.
    assert current_task_name(live_product) == "SEO check"
    workflow_action(client, live_product, "approve")
    live_product.refresh_from_db()
    assert (str(live_product.price), live_product.title) == ("25.00", "Walnut board")
    assert live_product.search_description == FIXED_DESCRIPTION


@pytest.mark.django_db
def test_content_saved_after_the_skip_goes_back_to_the_moderator(client, marketer, moderator, live_product):
    client.force_login(marketer)
    post_edit(client, live_product, "action-submit", search_description=FIXED_DESCRIPTION)
    assert current_task_name(live_product) == "SEO check"

    client.force_login(moderator)
    post_edit(client, live_product, "action-save", price="19.00")

    assert current_task_name(live_product) == "Moderator approval"
    entry = PageLogEntry.objects.get(page=live_product, action=CONTENT_CHANGED_ACTION)
    assert entry.data["changed_fields"] == ["price"]
    client.force_login(marketer)
    workflow_action(client, live_product, "approve")
    live_product.refresh_from_db()
    assert str(live_product.price) == "25.00"


@pytest.mark.django_db
def test_a_page_never_published_takes_the_full_workflow(client, editor, draft_product):
    client.force_login(editor)
    post_edit(client, draft_product, "action-submit", search_description=FIXED_DESCRIPTION)

    assert current_task_name(draft_product) == "Moderator approval"
    assert client.get(edit_url(draft_product)).status_code == 200
