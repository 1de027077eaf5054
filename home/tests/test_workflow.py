"""The editorial workflow, driven through the admin as editors, moderators and marketers use it.

Pages are edited by posting the edit form exactly as the admin renders it, and
workflow tasks are approved through the URL the dashboard and editor post to.
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from catalogue.factories import CategoryPageFactory, ImageFactory, ProductPageFactory
from home.pages.content import CONTENT_PERMISSION, SEO_FIELDS
from home.seo.workflows import CONTENT_CHANGED_ACTION, SeoCheckTask
from home.tests.workflow_admin import (
    GOOD_DESCRIPTION,
    SHORT_DESCRIPTION,
    approve_with_edits,
    current_task_name,
    edit_form_data,
    edit_url,
    error_texts,
    message_texts,
    post_edit,
    submit_and_pass_moderation,
    workflow_action,
)

# --- The groups and workflow the migrations create ---------------------------------------


@pytest.mark.django_db
def test_groups_can_do_their_jobs_on_the_catalogue(draft_product, editor, moderator, marketer):
    editor_perms = draft_product.permissions_for_user(editor)
    assert editor_perms.can_edit() and editor_perms.can_add_subpage() is False  # products have no children
    assert not editor_perms.can_publish()
    assert draft_product.get_parent().permissions_for_user(editor).can_add_subpage()

    moderator_perms = draft_product.permissions_for_user(moderator)
    assert moderator_perms.can_edit() and moderator_perms.can_publish() and moderator_perms.can_lock()

    marketer_perms = draft_product.permissions_for_user(marketer)
    assert marketer_perms.can_edit() and not marketer_perms.can_publish()
    assert not draft_product.get_parent().permissions_for_user(marketer).can_add_subpage()

    for user in (editor, moderator, marketer):
        assert user.has_perm("wagtailadmin.access_admin")
    assert editor.has_perms(["catalogue.add_brand", "catalogue.change_brand"])
    assert moderator.has_perms(["catalogue.change_brand", "catalogue.change_review"])
    assert not editor.has_perm("catalogue.change_review")
    assert marketer.has_perms(
        [
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailredirects.add_redirect",
            "wagtailredirects.delete_redirect",
            "home.change_seosettings",
        ]
    )
    assert not editor.has_perm("wagtailredirects.add_redirect")

    # Only Editors and Moderators change content; only Moderators (shop managers) adjust stock.
    assert editor.has_perm(CONTENT_PERMISSION) and moderator.has_perm(CONTENT_PERMISSION)
    assert not marketer.has_perm(CONTENT_PERMISSION)
    assert moderator.has_perm("catalogue.adjust_stock")
    assert not editor.has_perm("catalogue.adjust_stock") and not marketer.has_perm("catalogue.adjust_stock")


@pytest.mark.django_db
def test_page_permissions_sit_on_the_home_page_not_the_tree_root(home_page):
    granted = set(
        GroupPagePermission.objects.filter(
            group__name__in=["Editors", "Moderators", "Marketers"]
        ).values_list("group__name", "page_id", "permission__codename")
    )
    assert granted == {
        ("Editors", home_page.pk, "add_page"),
        ("Editors", home_page.pk, "change_page"),
        ("Moderators", home_page.pk, "add_page"),
        ("Moderators", home_page.pk, "change_page"),
        ("Moderators", home_page.pk, "publish_page"),
        ("Moderators", home_page.pk, "lock_page"),
        ("Moderators", home_page.pk, "unlock_page"),
        ("Marketers", home_page.pk, "change_page"),
    }


@pytest.mark.django_db
def test_catalogue_pages_go_through_moderator_approval_then_the_seo_check(draft_product):
    workflow = draft_product.get_workflow()
    assert workflow.name == "Catalogue approval"
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == ["Moderator approval", "SEO check"]
    assert isinstance(tasks[0], GroupApprovalTask) and isinstance(tasks[1], SeoCheckTask)
    assert {group.name for group in tasks[0].groups.all()} == {"Moderators"}
    assert {group.name for group in tasks[1].groups.all()} == {"Marketers", "Moderators"}


@pytest.mark.django_db
def test_the_data_migrations_can_run_again_without_duplicating_anything(home_page):
    def counts():
        return (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            Task.objects.count(),
            Workflow.objects.count(),
            WorkflowTask.objects.count(),
            WorkflowPage.objects.count(),
            Group.permissions.through.objects.count(),
        )

    before = counts()
    schema_editor = SimpleNamespace(connection=connection)
    importlib.import_module("home.migrations.0006_editorial_groups").create_editorial_groups(
        apps, schema_editor
    )
    importlib.import_module("home.migrations.0007_catalogue_approval_workflow").create_catalogue_workflow(
        apps, schema_editor
    )
    importlib.import_module("home.migrations.0009_content_and_stock_permissions").grant_permissions(
        apps, schema_editor
    )
    assert counts() == before


@pytest.mark.django_db
def test_a_new_seo_check_task_starts_with_marketers_and_moderators(admin_client):
    url = reverse("wagtailadmin_workflows:add_task", args=["home", "seochecktask"])
    form = admin_client.get(url).context["form"]
    expected = Group.objects.filter(name__in=["Marketers", "Moderators"]).values_list("pk", flat=True)
    assert sorted(form["groups"].value()) == sorted(expected)


# --- Editors submit, moderators approve, the SEO check publishes ---------------------------


@pytest.mark.django_db
def test_editors_cannot_publish_directly(client, editor, draft_product):
    client.force_login(editor)
    response = post_edit(client, draft_product, "action-publish", title="Walnut board, published?")

    assert response.status_code == 302
    draft_product.refresh_from_db()
    assert not draft_product.live
    # The publish button was ignored: the edit is saved as a draft only.
    assert draft_product.draft_title == "Walnut board, published?"
    assert draft_product.live_revision is None
    assert b"action-publish" not in client.get(edit_url(draft_product)).content


@pytest.mark.django_db
def test_submit_approve_and_seo_check_publish_a_good_page(client, editor, moderator, marketer, draft_product):
    client.force_login(editor)
    response = post_edit(client, draft_product, "action-submit", title="Walnut chopping board, large")
    assert response.status_code == 302
    assert current_task_name(draft_product) == "Moderator approval"
    draft_product.refresh_from_db()
    submitted = draft_product.latest_revision

    client.force_login(moderator)
    workflow_action(client, draft_product, "approve")
    assert current_task_name(draft_product) == "SEO check"

    client.force_login(marketer)
    response = workflow_action(client, draft_product, "approve", comment="Titles and description look right")
    assert response.status_code == 200

    draft_product.refresh_from_db()
    assert draft_product.live
    assert draft_product.title == "Walnut chopping board, large"
    assert draft_product.live_revision == submitted
    state = WorkflowState.objects.for_instance(draft_product).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert [(ts.task.name, ts.status, ts.finished_by) for ts in state.task_states.order_by("started_at")] == [
        ("Moderator approval", TaskState.STATUS_APPROVED, moderator),
        ("SEO check", TaskState.STATUS_APPROVED, marketer),
    ]
    assert client.get(draft_product.url).status_code == 200


@pytest.mark.django_db
def test_editors_cannot_approve_their_own_submission(client, editor, draft_product):
    client.force_login(editor)
    post_edit(client, draft_product, "action-submit")

    workflow_action(client, draft_product, "approve")

    assert current_task_name(draft_product) == "Moderator approval"
    draft_product.refresh_from_db()
    assert not draft_product.live


# --- The SEO check refuses a page that breaks the rules ------------------------------------


@pytest.mark.django_db
def test_seo_check_refuses_a_page_whose_description_is_too_short(
    client, editor, moderator, marketer, draft_product
):
    submit_and_pass_moderation(client, editor, moderator, draft_product, search_description=SHORT_DESCRIPTION)

    client.force_login(marketer)
    response = workflow_action(client, draft_product, "approve")

    # Still waiting on the SEO check, and nothing went live.
    assert current_task_name(draft_product) == "SEO check"
    draft_product.refresh_from_db()
    assert not draft_product.live
    # The reviewer is back in the editor, told as an error which rule the page breaks.
    assert response.redirect_chain[-1][0] == edit_url(draft_product) + "?review=refused"
    (refusal,) = error_texts(response)
    assert refusal.startswith("Not approved")
    assert "The meta description is 9 characters; write at least 50." in refusal
    assert "social sharing image" not in refusal  # the rules it meets are not listed
    assert not [text for text in message_texts(response) if "has been updated" in text]


@pytest.mark.django_db
def test_seo_check_names_every_rule_the_page_breaks(client, editor, moderator, marketer, draft_product):
    draft_product.gallery_images.all().delete()
    submit_and_pass_moderation(
        client, editor, moderator, draft_product, search_description=SHORT_DESCRIPTION, seo_title="x" * 61
    )

    client.force_login(marketer)
    response = workflow_action(client, draft_product, "approve")

    (seo_message,) = error_texts(response)
    assert "The SEO title is 61 characters; keep it to 60." in seo_message
    assert "The meta description is 9 characters" in seo_message
    assert "The page has no social sharing image." in seo_message
    assert current_task_name(draft_product) == "SEO check"


@pytest.mark.django_db
def test_after_changes_are_requested_and_made_the_seo_check_passes(
    client, editor, moderator, marketer, draft_product
):
    submit_and_pass_moderation(client, editor, moderator, draft_product, search_description=SHORT_DESCRIPTION)
    client.force_login(marketer)
    workflow_action(client, draft_product, "approve")
    workflow_action(client, draft_product, "reject", comment="Please write a longer description.")
    assert (
        WorkflowState.objects.for_instance(draft_product).get().status == WorkflowState.STATUS_NEEDS_CHANGES
    )

    # The editor sees the request, fixes the description and resubmits.
    client.force_login(editor)
    post_edit(client, draft_product, "action-submit", search_description=GOOD_DESCRIPTION)
    assert current_task_name(draft_product) == "SEO check"  # moderation resumes where it stopped

    client.force_login(marketer)
    response = workflow_action(client, draft_product, "approve")

    assert not [text for text in message_texts(response) if "SEO check" in text]
    draft_product.refresh_from_db()
    assert draft_product.live
    assert draft_product.search_description == GOOD_DESCRIPTION
    assert WorkflowState.objects.for_instance(draft_product).get().status == WorkflowState.STATUS_APPROVED


@pytest.mark.django_db
def test_seo_reviewer_can_fix_the_promote_fields_and_approve_in_one_go(
    client, editor, moderator, marketer, draft_product
):
    submit_and_pass_moderation(client, editor, moderator, draft_product, search_description=SHORT_DESCRIPTION)

    client.force_login(marketer)
    approve_with_edits(client, draft_product, search_description=GOOD_DESCRIPTION)

    # Approval checks what would be published: the revision with the fix.
    draft_product.refresh_from_db()
    assert draft_product.live
    assert draft_product.search_description == GOOD_DESCRIPTION


@pytest.mark.django_db
def test_editor_locked_out_during_the_seo_check_is_told_what_to_fix(client, editor, moderator, draft_product):
    submit_and_pass_moderation(client, editor, moderator, draft_product, search_description=SHORT_DESCRIPTION)

    client.force_login(editor)
    response = client.get(edit_url(draft_product))

    texts = message_texts(response)
    assert any(
        "Only reviewers for this task can edit" in text and "write at least 50" in text for text in texts
    )


@pytest.mark.django_db
def test_a_marketer_cannot_publish_through_an_seo_check_no_moderator_approved(
    client, editor, marketer, draft_product
):
    seo_only = Workflow.objects.create(name="SEO only")
    WorkflowTask.objects.create(
        workflow=seo_only, task=SeoCheckTask.objects.get(name="SEO check"), sort_order=0
    )
    WorkflowPage.objects.create(workflow=seo_only, page=draft_product.get_parent())
    client.force_login(editor)
    post_edit(client, draft_product, "action-submit")
    assert current_task_name(draft_product) == "SEO check"

    client.force_login(marketer)
    workflow_action(client, draft_product, "approve")

    # Without a publisher's approval Wagtail's own publish check stands.
    assert current_task_name(draft_product) == "SEO check"
    draft_product.refresh_from_db()
    assert not draft_product.live


# --- An approval covers the content it saw; marketers change SEO fields only ---------------

PRICE = "25.00"


@pytest.fixture
def priced_product(draft_product):
    draft_product.price = PRICE
    draft_product.save_revision()
    return draft_product


def latest(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def task_history(page):
    state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    return [(ts.task.name, ts.status) for ts in state.task_states.order_by("started_at", "pk")]


@pytest.mark.django_db
def test_marketer_approving_with_a_new_meta_description_publishes_it(
    client, editor, moderator, marketer, priced_product
):
    submit_and_pass_moderation(client, editor, moderator, priced_product)
    new_description = "A walnut board, oiled by hand and finished with beeswax, kind to every knife edge."

    client.force_login(marketer)
    form_fields = set(edit_form_data(client, priced_product).keys())
    approve_with_edits(client, priced_product, search_description=new_description)

    # The marketer's form holds the SEO fields and the comment switches, nothing else.
    assert {"price", "title", "sku", "short_description", "tags"}.isdisjoint(form_fields)
    assert {"slug", "seo_title", "search_description", "canonical_url"} <= form_fields
    priced_product.refresh_from_db()
    assert priced_product.live
    assert priced_product.search_description == new_description
    assert str(priced_product.price) == PRICE
    assert task_history(priced_product) == [
        ("Moderator approval", TaskState.STATUS_APPROVED),
        ("SEO check", TaskState.STATUS_APPROVED),
    ]


@pytest.mark.django_db
def test_marketer_cannot_change_the_price_when_approving_with_edits(
    client, editor, moderator, marketer, priced_product
):
    submit_and_pass_moderation(client, editor, moderator, priced_product)

    client.force_login(marketer)
    approve_with_edits(client, priced_product, price="1.00", title="Walnut board, 96% off")

    # The posted price and title were never read: what goes live is what the moderator approved.
    priced_product.refresh_from_db()
    assert str(priced_product.price) == PRICE
    assert priced_product.title == "Walnut chopping board"
    assert str(latest(priced_product).price) == PRICE


@pytest.mark.django_db
@pytest.mark.parametrize("saver", ["moderator", "admin_user"])
def test_content_saved_during_the_seo_check_goes_back_to_the_moderator(
    client, request, editor, moderator, marketer, priced_product, saver
):
    submit_and_pass_moderation(client, editor, moderator, priced_product)

    # Someone who may edit during the SEO check (a moderator, a superuser) saves a new price.
    saver = request.getfixturevalue(saver)
    client.force_login(saver)
    post_edit(client, priced_product, "action-save", price="19.00")

    assert current_task_name(priced_product) == "Moderator approval"
    assert task_history(priced_product) == [
        ("Moderator approval", TaskState.STATUS_APPROVED),
        ("SEO check", TaskState.STATUS_CANCELLED),
        ("Moderator approval", TaskState.STATUS_IN_PROGRESS),
    ]
    # The marketer has nothing to approve until the moderator has seen the new price.
    client.force_login(marketer)
    workflow_action(client, priced_product, "approve")
    priced_product.refresh_from_db()
    assert not priced_product.live
    assert current_task_name(priced_product) == "Moderator approval"

    # The history says what happened, and why.
    entry = PageLogEntry.objects.filter(page=priced_product, action=CONTENT_CHANGED_ACTION).get()
    assert entry.user == saver and entry.data["changed_fields"] == ["price"]
    client.force_login(moderator)
    history = client.get(reverse("wagtailadmin_pages:history", args=[priced_product.pk])).content.decode()
    assert "Content changed after approval (price). Sent back to &#x27;Moderator approval&#x27;" in history

    # The moderator approves the new content, then the SEO check lets it through.
    workflow_action(client, priced_product, "approve")
    assert current_task_name(priced_product) == "SEO check"
    client.force_login(marketer)
    workflow_action(client, priced_product, "approve")
    priced_product.refresh_from_db()
    assert priced_product.live
    assert str(priced_product.price) == "19.00"


@pytest.mark.django_db
def test_content_edits_approved_at_the_seo_check_go_back_to_the_moderator(
    client, editor, moderator, priced_product
):
    submit_and_pass_moderation(client, editor, moderator, priced_product)

    client.force_login(moderator)  # moderators review the SEO check too
    approve_with_edits(client, priced_product, price="19.00")

    priced_product.refresh_from_db()
    assert not priced_product.live
    assert current_task_name(priced_product) == "Moderator approval"
    assert str(latest(priced_product).price) == "19.00"


@pytest.mark.django_db
def test_seo_only_changes_during_the_seo_check_need_no_new_moderator_approval(
    client, editor, moderator, marketer, priced_product
):
    submit_and_pass_moderation(client, editor, moderator, priced_product)

    client.force_login(moderator)
    post_edit(client, priced_product, "action-save", seo_title="Walnut chopping board, oiled by hand")
    assert current_task_name(priced_product) == "SEO check"

    client.force_login(marketer)
    workflow_action(client, priced_product, "approve")
    priced_product.refresh_from_db()
    assert priced_product.live
    assert priced_product.seo_title == "Walnut chopping board, oiled by hand"


@pytest.mark.django_db
def test_a_resubmission_with_new_content_goes_back_to_the_moderator(
    client, editor, moderator, marketer, priced_product
):
    submit_and_pass_moderation(client, editor, moderator, priced_product)
    client.force_login(marketer)
    workflow_action(client, priced_product, "reject", comment="Please also say it is oiled.")

    # The editor changes the price as well as the description and resubmits.
    client.force_login(editor)
    post_edit(client, priced_product, "action-submit", search_description=GOOD_DESCRIPTION, price="31.00")

    assert current_task_name(priced_product) == "Moderator approval"
    client.force_login(marketer)
    workflow_action(client, priced_product, "approve")
    priced_product.refresh_from_db()
    assert not priced_product.live


@pytest.mark.django_db
def test_editors_cannot_save_while_the_seo_check_holds_the_page(client, editor, moderator, priced_product):
    submit_and_pass_moderation(client, editor, moderator, priced_product)

    # Wagtail's workflow lock keeps non-reviewers out; an editor who needs a change cancels or waits.
    client.force_login(editor)
    data = edit_form_data(client, priced_product, price="19.00")
    client.post(edit_url(priced_product), data)

    assert str(latest(priced_product).price) == PRICE
    assert current_task_name(priced_product) == "SEO check"


@pytest.mark.django_db
def test_marketers_cannot_revert_a_page_to_an_older_revision(client, marketer, priced_product):
    first = priced_product.revisions.order_by("created_at", "pk").first()
    priced_product.price = "99.00"
    priced_product.save_revision()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[priced_product.pk, first.pk])

    client.force_login(marketer)
    data = edit_form_data(client, priced_product)

    # Wagtail's admin answers a refused request by sending the user to the dashboard.
    assert client.get(url).url == reverse("wagtailadmin_home")
    assert client.post(url, data).url == reverse("wagtailadmin_home")
    assert str(latest(priced_product).price) == "99.00"


@pytest.mark.django_db
def test_seo_fields_are_exactly_the_promote_tabs_search_and_sharing_fields():
    from catalogue.models import ProductPage

    search_and_sharing = ProductPage.promote_panels[0]
    assert {panel.field_name for panel in search_and_sharing.children} == SEO_FIELDS


@pytest.mark.django_db
def test_a_marketer_renames_a_live_page_at_the_seo_check_and_its_old_url_redirects(
    client, editor, moderator, marketer, home_page, django_capture_on_commit_callbacks
):
    category = CategoryPageFactory(parent=home_page, title="Kitchen", slug="kitchen")
    product = ProductPageFactory(
        parent=category, title="Walnut board", slug="walnut-board", search_description=GOOD_DESCRIPTION
    )
    product.gallery_images.create(image=ImageFactory())
    product.save_revision().publish()
    old_url = product.url
    submit_and_pass_moderation(client, editor, moderator, product, short_description="Oiled by hand.")

    client.force_login(marketer)
    with django_capture_on_commit_callbacks(execute=True):
        approve_with_edits(client, product, slug="walnut-chopping-board")

    product.refresh_from_db()
    assert product.slug == "walnut-chopping-board" and product.short_description == "Oiled by hand."
    client.logout()
    response = client.get(old_url)
    assert response.status_code == 301 and response["Location"].endswith("/kitchen/walnut-chopping-board/")


@pytest.mark.django_db
def test_a_moderators_own_edits_when_approving_are_covered_by_that_approval(
    client, editor, moderator, marketer, priced_product
):
    client.force_login(editor)
    post_edit(client, priced_product, "action-submit")

    client.force_login(moderator)
    approve_with_edits(client, priced_product, price="27.50")
    assert current_task_name(priced_product) == "SEO check"

    client.force_login(marketer)
    workflow_action(client, priced_product, "approve")
    priced_product.refresh_from_db()
    assert priced_product.live and str(priced_product.price) == "27.50"
    assert not PageLogEntry.objects.filter(page=priced_product, action=CONTENT_CHANGED_ACTION).exists()
