"""Driving the editorial workflow through the real admin views, as its users do.

Pages are edited by posting the edit form exactly as the admin renders it for the
user, and workflow tasks are acted on through the URL the dashboard posts to.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from catalogue.factories import CategoryPageFactory, ProductPageFactory
from users.factories import UserFactory

GOOD_DESCRIPTION = "A walnut chopping board, oiled by hand, that is kind to knife edges and lasts for years."
SHORT_DESCRIPTION = "Too short"


def member_of(group_name, email):
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return member_of("Editors", "editor@example.com")


@pytest.fixture
def moderator(db):
    return member_of("Moderators", "moderator@example.com")


@pytest.fixture
def marketer(db):
    return member_of("Marketers", "marketer@example.com")


@pytest.fixture
def draft_product(home_page):
    """A product that has never been published, with a picture and a good description."""
    category = CategoryPageFactory(parent=home_page, title="Kitchen")
    return ProductPageFactory(
        parent=category,
        title="Walnut chopping board",
        search_description=GOOD_DESCRIPTION,
        gallery_image=True,
        body=[],
        live=False,
        first_published_at=None,
        last_published_at=None,
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form_data(client, page, **changes):
    """The page's edit form as the admin renders it for this user, with ``changes`` typed in."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The StreamField editor is built by JavaScript; an empty body posts its block count only.
    data["body-count"] = "0"
    for name, value in changes.items():
        data[name] = value
    return data


def post_edit(client, page, action, **changes):
    data = edit_form_data(client, page, **changes)
    data[action] = action
    return client.post(edit_url(page), data)


def approve_with_edits(client, page, **changes):
    """Edit the page and press "Approve" in the editor's action menu, as one post."""
    data = edit_form_data(client, page, **changes)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = "approve"
    return client.post(edit_url(page), data)


def workflow_action(client, page, action, comment=""):
    """Post a workflow action on the page's current task, as the dashboard and editor buttons do."""
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment}, follow=True)


def current_task_name(page):
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return task_state.task.name if task_state else None


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def error_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request) if message.level_tag == "error"]


def submit_and_pass_moderation(client, editor, moderator, page, **changes):
    client.force_login(editor)
    post_edit(client, page, "action-submit", **changes)
    client.force_login(moderator)
    workflow_action(client, page, "approve")
    assert current_task_name(page) == "SEO check"
