"""The SEO check explains itself wherever the reviewer is looking, through the real admin views.

The footer's approve action (the edit form posted with ``action-workflow-action``),
the workflow action modal (editor and dashboard variants), a dashboard approval,
the editor's workflow message and the dashboard panel each list the blocking
problems, each with a link to the field that fixes it.
"""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.tests.workflow_admin import (
    GOOD_DESCRIPTION,
    SHORT_DESCRIPTION,
    current_task_name,
    edit_form_data,
    edit_url,
    error_texts,
    message_texts,
    submit_and_pass_moderation,
)

FIELD_LINK = 'href="#id_search_description"'


@pytest.fixture
def blocked_product(client, editor, moderator, draft_product):
    """A product waiting at the SEO check with a meta description too short to pass."""
    submit_and_pass_moderation(client, editor, moderator, draft_product, search_description=SHORT_DESCRIPTION)
    return draft_product


def footer_approve(client, page, **changes):
    data = edit_form_data(client, page, **changes)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    return client.post(edit_url(page), data)


def modal_html(client, url_name, page):
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse(f"wagtailadmin_pages:{url_name}", args=[page.pk, "approve", task_state.pk])
    response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    return json.loads(response.content)["html"]


@pytest.mark.django_db
def test_footer_approve_of_a_broken_page_is_an_error_with_links_not_a_success(
    client, marketer, blocked_product
):
    client.force_login(marketer)
    before = Page.objects.get(pk=blocked_product.pk).latest_revision_id

    response = footer_approve(client, blocked_product)

    assert response.status_code == 200  # the editor again, with the reviewer's input kept
    (error,) = error_texts(response)
    assert "Not approved" in error and "The meta description is 9 characters" in error
    assert FIELD_LINK in error
    assert not [text for text in message_texts(response) if "has been updated" in text]
    assert current_task_name(blocked_product) == "SEO check"
    assert Page.objects.get(pk=blocked_product.pk).latest_revision_id == before  # nothing saved
    assert 'id="id_search_description"' in response.content.decode()  # the link has a target


@pytest.mark.django_db
def test_footer_approve_carrying_the_fix_publishes(client, marketer, blocked_product):
    client.force_login(marketer)

    response = footer_approve(client, blocked_product, search_description=GOOD_DESCRIPTION)

    assert response.status_code == 302
    assert not error_texts(response)
    blocked_product.refresh_from_db()
    assert blocked_product.live and blocked_product.search_description == GOOD_DESCRIPTION


@pytest.mark.django_db
def test_the_editor_offers_one_approve_that_opens_the_explaining_modal(client, marketer, blocked_product):
    client.force_login(marketer)

    response = client.get(edit_url(blocked_product))

    html = response.content.decode()
    assert "Approve with comment" not in html
    assert 'data-workflow-action-name="approve" data-workflow-action-modal-url=' in html
    # The workflow message in the editor lists the problem with its link too.
    (notice,) = [text for text in message_texts(response) if "SEO check" in text]
    assert "cannot be approved until these are fixed" in notice and FIELD_LINK in notice


@pytest.mark.django_db
def test_the_editor_modal_lists_the_problems_and_lets_the_fix_go_with_the_approval(
    client, marketer, blocked_product
):
    client.force_login(marketer)

    html = modal_html(client, "collect_workflow_action_data", blocked_product)

    assert "The meta description is 9 characters" in html and FIELD_LINK in html
    assert "Approve with my fixes" in html


@pytest.mark.django_db
def test_the_dashboard_modal_lists_the_problems_and_offers_no_approval(client, marketer, blocked_product):
    client.force_login(marketer)

    html = modal_html(client, "workflow_action", blocked_product)

    assert "The meta description is 9 characters" in html
    assert f'href="{edit_url(blocked_product)}#id_search_description"' in html
    assert 'type="submit"' not in html
    assert "Fix them in the editor" in html


@pytest.mark.django_db
def test_a_good_page_gets_the_plain_approve_modal(client, editor, moderator, marketer, draft_product):
    submit_and_pass_moderation(client, editor, moderator, draft_product)
    client.force_login(marketer)

    html = client.get(edit_url(draft_product)).content.decode()
    modal = modal_html(client, "workflow_action", draft_product)

    assert "Approve with comment" in html  # nothing in the way: Wagtail's usual actions
    assert 'type="submit"' in modal and "cannot approve" not in modal


@pytest.mark.django_db
def test_the_dashboard_lists_pages_waiting_on_fixes_with_links(client, marketer, editor, blocked_product):
    client.force_login(marketer)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'data-panel="review-problems"' in html
    assert f'data-page="{blocked_product.pk}"' in html and "cannot be approved yet" in html
    assert f'href="{edit_url(blocked_product)}#id_search_description"' in html
    # Someone who reviews nothing at the SEO check gets no such panel.
    client.force_login(editor)
    assert 'data-panel="review-problems"' not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_a_refused_dashboard_approval_lands_on_the_editor_with_an_error(client, marketer, blocked_product):
    client.force_login(marketer)
    task_state = Page.objects.get(pk=blocked_product.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[blocked_product.pk, "approve", task_state.pk])

    response = client.post(url, {"comment": ""}, follow=True)

    (error,) = error_texts(response)
    assert "Not approved" in error and FIELD_LINK in error
    assert current_task_name(blocked_product) == "SEO check"


@pytest.mark.django_db
def test_the_refused_flag_alone_invents_no_error(client, editor, moderator, marketer, draft_product):
    submit_and_pass_moderation(client, editor, moderator, draft_product)
    client.force_login(marketer)

    response = client.get(edit_url(draft_product) + "?review=refused")

    assert response.status_code == 200 and not error_texts(response)
