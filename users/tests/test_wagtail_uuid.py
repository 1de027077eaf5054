"""The user key is a UUID; these walk the Wagtail admin paths that store or look up users.

Wagtail keeps users in foreign keys (revisions, log entries, workflow states, editing
sessions) and in URL segments (user admin), so each of those is exercised end to end."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import nested_form_data, streamfield

from users.factories import UserFactory


@pytest.fixture
def editor(db):
    """A non-superuser in Wagtail's default Editors group: may edit and submit, not publish."""
    user = UserFactory(email="editor@example.com", first_name="Eddie", last_name="Editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.com", first_name="Mo", last_name="Derator")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.mark.django_db
def test_revision_and_publish_record_the_uuid_user(home_page, admin_user):
    assert isinstance(admin_user.pk, uuid.UUID)
    home_page.title = "Home, revised"
    revision = home_page.save_revision(user=admin_user, log_action=True)
    revision.publish(user=admin_user)

    home_page.refresh_from_db()
    assert home_page.title == "Home, revised"
    assert home_page.live_revision == revision
    assert Revision.objects.get(pk=revision.pk).user == admin_user
    actions = set(
        PageLogEntry.objects.filter(page=home_page, user=admin_user).values_list("action", flat=True)
    )
    assert {"wagtail.edit", "wagtail.publish"} <= actions


@pytest.mark.django_db
def test_history_and_revision_views_name_the_uuid_user(admin_client, admin_user, home_page):
    home_page.title = "Home, first draft"
    first = home_page.save_revision(user=admin_user, log_action=True)
    home_page.title = "Home, second draft"
    second = home_page.save_revision(user=admin_user, log_action=True)
    second.publish(user=admin_user)

    history = admin_client.get(reverse("wagtailadmin_pages:history", args=[home_page.pk]))
    assert history.status_code == 200
    assert admin_user.get_full_name() in history.content.decode()

    # The history filter takes the user key from the query string.
    filtered = admin_client.get(
        reverse("wagtailadmin_pages:history", args=[home_page.pk]), {"user": str(admin_user.pk)}
    )
    assert filtered.status_code == 200
    assert "Published" in filtered.content.decode()

    revision_view = admin_client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[home_page.pk, first.pk])
    )
    assert revision_view.status_code == 200
    assert "Home, first draft" in revision_view.content.decode()

    compare = admin_client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[home_page.pk, first.pk, second.pk])
    )
    assert compare.status_code == 200
    assert "Home, second draft" in compare.content.decode()

    site_history = admin_client.get(
        reverse("wagtailadmin_reports:site_history"), {"user": str(admin_user.pk)}
    )
    assert site_history.status_code == 200
    assert "Home, second draft" in site_history.content.decode()


@pytest.mark.django_db
def test_publishing_through_the_page_editor_logs_the_uuid_user(admin_client, admin_user, home_page):
    edit_url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    assert admin_client.get(edit_url).status_code == 200

    response = admin_client.post(
        edit_url,
        nested_form_data({"title": "Home from the editor", "slug": home_page.slug, "body": streamfield([])})
        | {"action-publish": "action-publish"},
    )

    assert response.status_code == 302
    home_page.refresh_from_db()
    assert home_page.title == "Home from the editor"
    assert home_page.live_revision.user == admin_user
    assert PageLogEntry.objects.filter(page=home_page, action="wagtail.publish", user=admin_user).exists()
    # The dashboard's "your recent edits" panel queries log entries by user.
    dashboard = admin_client.get(reverse("wagtailadmin_home"))
    assert "Home from the editor" in dashboard.content.decode()


@pytest.mark.django_db
def test_user_admin_index_edit_and_delete_work_with_uuid_urls(admin_client, shopper):
    index = admin_client.get(reverse("wagtailusers_users:index"))
    assert index.status_code == 200
    assert shopper.email in index.content.decode()

    edit_url = reverse("wagtailusers_users:edit", args=[shopper.pk])
    assert str(shopper.pk) in edit_url
    edit = admin_client.get(edit_url)
    assert edit.status_code == 200
    assert edit.context["object"] == shopper

    delete_url = reverse("wagtailusers_users:delete", args=[shopper.pk])
    confirm = admin_client.get(delete_url)
    assert confirm.status_code == 200
    assert str(shopper) in confirm.content.decode()
    assert admin_client.post(delete_url).status_code == 302
    assert not type(shopper).objects.filter(pk=shopper.pk).exists()


@pytest.mark.django_db
def test_workflow_submitted_by_uuid_user_is_approved_and_published(
    client, home_page, editor, moderator, mailoutbox
):
    task = GroupApprovalTask.objects.create(name="Moderators approve")
    task.groups.set([Group.objects.get(name="Moderators")])
    workflow = Workflow.objects.create(name="Shop sign-off")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # A single-task workflow keeps this test about the UUID user, not the catalogue's SEO step.
    WorkflowPage.objects.update_or_create(page=home_page, defaults={"workflow": workflow})
    assert home_page.get_workflow() == workflow

    home_page.title = "Home, awaiting sign-off"
    home_page.save_revision(user=editor)
    submitted_revision = home_page.get_latest_revision()
    state = workflow.start(home_page, editor)

    state.refresh_from_db()
    assert state.requested_by == editor
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert any(moderator.email in message.to for message in mailoutbox)  # notified to review

    # The editor may not approve their own submission; the moderator may.
    task_state = TaskState.objects.get(workflow_state=state)
    action_url = reverse("wagtailadmin_pages:workflow_action", args=[home_page.pk, "approve", task_state.pk])
    client.force_login(editor)
    client.post(action_url, {"comment": ""})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    client.force_login(moderator)
    assert client.post(action_url, {"comment": "Looks good"}).status_code == 302

    state.refresh_from_db()
    task_state.refresh_from_db()
    home_page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == moderator
    assert home_page.live and home_page.title == "Home, awaiting sign-off"
    assert home_page.live_revision == submitted_revision
    assert PageLogEntry.objects.filter(
        page=home_page, action="wagtail.workflow.approve", user=moderator
    ).exists()

    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=[home_page.pk]))
    assert history.status_code == 200
    assert editor.get_full_name() in history.content.decode()
    report = client.get(reverse("wagtailadmin_reports:workflow"))
    assert report.status_code == 200
    assert "Shop sign-off" in report.content.decode()


@pytest.mark.django_db
def test_page_lock_by_uuid_user_shows_in_locked_pages_report(admin_client, admin_user, home_page):
    response = admin_client.post(reverse("wagtailadmin_pages:lock", args=[home_page.pk]))

    assert response.status_code == 302
    home_page.refresh_from_db()
    assert home_page.locked and home_page.locked_by == admin_user
    report = admin_client.get(reverse("wagtailadmin_reports:locked_pages"))
    assert home_page.title in report.content.decode()


@pytest.mark.django_db
def test_uuid_user_can_edit_own_admin_account(client, editor):
    client.force_login(editor)
    account = client.get(reverse("wagtailadmin_account"))
    assert account.status_code == 200
    assert editor.email in account.content.decode()
