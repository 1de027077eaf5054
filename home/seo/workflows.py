"""The workflow's rules: the SEO check, and an approval that covers only the content it saw.

The SEO check is a workflow step that will not approve a page which breaks the SEO rules.

It behaves like Wagtail's group approval task (its groups review, everyone else is
locked out while the page waits on it), with one difference: "Approve" is refused
while the content that approval would publish has a blocking problem
(``home.seo.review_checks``: a broken SEO rule, or a shop check set to "block"). Every
path says so with the list of problems, each linking to its field: the editor's
approve action fails with an error (``home.pages.forms``), the approve modal lists them,
a refused dashboard approval lands on the editor with an error, and the dashboard
panel lists pages waiting on fixes.

A live page whose pending change touches only the SEO fields skips the content
review (``settings.SHOP_SEO_ONLY_FAST_PATH``): see ``skip_content_review_of_seo_only_change``.

The "Catalogue approval" workflow (home/migrations/0007) puts it after a
moderator's approval. Every other task reviews the whole content, so a later change
to the content (not to the SEO fields) sends the page back to it: see
``send_back_if_content_changed``.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail.locks import WorkflowLock
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, Task, TaskState, WorkflowState
from wagtail.signals import task_cancelled, task_submitted

from home.pages.content import changed_content_fields
from home.seo.review_checks import ReviewProblem, problems_html, review_problems

logger = logging.getLogger(__name__)

SEO_REVIEWER_GROUPS = ("Marketers", "Moderators")


def workflow_log_entry(workflow_state, task_state_id, task) -> dict:
    """The ``workflow`` part of a log entry, in the shape Wagtail's own workflow actions log."""
    return {
        "id": workflow_state.workflow_id,
        "title": workflow_state.workflow.name,
        "task_state_id": task_state_id,
        "task": {"id": task.pk, "title": task.name},
    }


def default_seo_reviewer_groups():
    """The groups a new SEO check starts with: marketers own the metadata, moderators back them up."""
    return Group.objects.filter(name__in=SEO_REVIEWER_GROUPS)


REFUSED_PARAM = "review"
REFUSED_VALUE = "refused"


def pending_review_problems(obj) -> list[ReviewProblem]:
    """The problems of what approving ``obj`` would publish: its latest revision.

    The latest revision, not the one the task started on, because that is what
    Wagtail publishes when the workflow finishes, and a reviewer may have fixed
    the Promote fields since the task began. Objects that are not pages have no
    SEO fields, so they have no problems. Kept on the object per revision: one
    editor view asks several times (menu, lock message, action check).
    """
    if not isinstance(obj, Page):
        return []
    cached = getattr(obj, "_shop_review_problems", None)
    if cached is not None and cached[0] == obj.latest_revision_id:
        return cached[1]
    problems = review_problems(obj.get_latest_revision_as_object())
    obj._shop_review_problems = (obj.latest_revision_id, problems)
    return problems


def blocking_problems(obj) -> list[ReviewProblem]:
    return [problem for problem in pending_review_problems(obj) if problem.blocking]


class SeoCheckLock(WorkflowLock):
    """The usual workflow lock, plus the page's review problems (linked to their fields), shown in the editor."""

    def get_message(self, user):
        message = super().get_message(user)
        problems = pending_review_problems(self.object)
        if not problems:
            return message
        if any(problem.blocking for problem in problems):
            intro = "SEO check: this page cannot be approved until these are fixed:"
        else:
            intro = "SEO check: the page can be approved, but look at these first:"
        seo_message = format_html("{} {}", intro, problems_html(self.object, problems, same_page=True))
        return seo_message if message is None else format_html("{} {}", message, seo_message)


class SeoCheckTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve, but only a page that passes the SEO rules."""

    # Redeclared from AbstractGroupApprovalTask only to give new tasks their reviewer groups.
    groups = models.ManyToManyField(
        Group,
        default=default_seo_reviewer_groups,
        verbose_name="groups",
        help_text="Members of these groups review the page's SEO fields and approve it.",
    )

    lock_class = SeoCheckLock

    class Meta:
        verbose_name = "SEO check task"
        verbose_name_plural = "SEO check tasks"

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, once the page meets the SEO rules"

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions or not blocking_problems(obj):
            return actions
        # Approving as the page stands cannot succeed, so the one "Approve" left opens
        # the modal that lists what to fix. It stays offered because in the editor an
        # approval carries the reviewer's edits, which may be the fix (home.pages.forms
        # checks them before anything is saved).
        return [(name, label, modal) for name, label, modal in actions if name != "approve"] + [
            ("approve", "Approve", True)
        ]

    def get_template_for_action(self, action):
        if action == "approve":
            return "home/admin/seo_check_approve_modal.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        # Approving publishes the latest revision, so it must be the content the
        # moderator approved; this also catches an "approve with edits" here.
        if send_back_if_content_changed(task_state.workflow_state, user):
            return None
        obj = task_state.workflow_state.content_object
        problems = blocking_problems(obj)
        if problems:
            # The task stays in progress. The workflow action view redirects to what
            # on_action returns: the editor, flagged so it says (as an error) why.
            logger.info(
                "SEO check refused approval of page %s: %s",
                obj.pk,
                ", ".join(problem.code for problem in problems),
            )
            return f"{reverse('wagtailadmin_pages:edit', args=[obj.pk])}?{REFUSED_PARAM}={REFUSED_VALUE}"
        if approval_publishes_without_user(task_state, obj, user):
            task_state.approve(user=user, update=False, **kwargs)
            task_state.workflow_state.update(user=None)
            return None
        return super().on_action(task_state, user, action_name, **kwargs)


def approval_publishes_without_user(task_state, obj, user) -> bool:
    """Whether this approval should let the workflow publish on a publisher's earlier approval.

    Wagtail publishes a finished workflow as its last approver, and refuses one
    without publish permission: a marketer passing the SEO check. When someone
    who may publish (the moderator) already approved this workflow, their
    approval is the authority, so the workflow moves on without a user. The
    marketer's approval is still logged as theirs. Without such an approval,
    Wagtail's own check stands.
    """
    if not isinstance(obj, Page) or obj.permissions_for_user(user).can_publish():
        return False
    if seo_only_change(obj):
        return True
    earlier_approvals = task_state.workflow_state.task_states.filter(
        status=task_state.STATUS_APPROVED, finished_by__isnull=False
    ).select_related("finished_by")
    return any(obj.permissions_for_user(state.finished_by).can_publish() for state in earlier_approvals)


# --- SEO-only changes skip the content review --------------------------------------------

SEO_ONLY_SKIP_ACTION = "home.workflow.seo_only"


def seo_only_change(obj) -> bool:
    """Whether publishing ``obj``'s latest revision would change only SEO fields of its live content.

    Always False with ``SHOP_SEO_ONLY_FAST_PATH`` off, and for a page never published.
    """
    if not settings.SHOP_SEO_ONLY_FAST_PATH or not isinstance(obj, Page):
        return False
    live_revision = obj.live_revision
    latest = obj.get_latest_revision()
    if not obj.live or live_revision is None or latest is None:
        return False
    return not changed_content_fields(live_revision, latest)


@receiver(task_submitted)
def skip_content_review_of_seo_only_change(sender, instance, user=None, **kwargs):
    """A content review starting on an SEO-only change is skipped: its content is live, approved before.

    Wagtail moves on by itself when a task state it has just started is no longer
    in progress (``WorkflowState.update``), so the SEO check starts next. The skip is
    logged in the page's history with who submitted the change.
    """
    task_state = instance
    if not reviews_content(task_state.task):
        return
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object
    if not seo_only_change(page):
        return
    task_state.status = TaskState.STATUS_SKIPPED
    task_state.finished_at = timezone.now()
    task_state.finished_by = user
    task_state.comment = "Only SEO fields changed: the live content needs no new review."
    task_state.save(update_fields=["status", "finished_at", "finished_by", "comment"])
    log(
        instance=page.specific,
        action=SEO_ONLY_SKIP_ACTION,
        user=user,
        revision=page.get_latest_revision(),
        data={
            "workflow": workflow_log_entry(workflow_state, task_state.pk, task_state.task),
            "comment": task_state.comment,
        },
    )


# --- An approval covers the content it saw -------------------------------------------------

CONTENT_CHANGED_ACTION = "home.workflow.content_changed"


def reviews_content(task: Task) -> bool:
    """Whether approving this task vouches for the page's content: every task but the SEO check."""
    return not isinstance(task.specific, SeoCheckTask)


def approved_revision(task_state: TaskState) -> Revision:
    """The revision an approval covered: the newest one saved before the reviewer approved.

    Not ``task_state.revision``, which is the revision the task started on: a reviewer
    who edits and approves in one go ("approve with edits") saves the edits first, and
    approves what they saw.
    """
    revisions = Revision.objects.filter(
        base_content_type_id=task_state.workflow_state.base_content_type_id,
        object_id=task_state.workflow_state.object_id,
        created_at__lte=task_state.finished_at,
    )
    return revisions.order_by("-created_at", "-pk").first() or task_state.revision


def stale_content_approval(workflow_state: WorkflowState) -> tuple[Task, list[str]] | None:
    """The first content review (in workflow order) whose approval the latest revision has outgrown.

    A review skipped for an SEO-only change counts as approving what it skipped over:
    the live content. Returns the task and the content fields changed since its
    approval, or None while every content approval still covers the latest revision.
    """
    latest = workflow_state.content_object.get_latest_revision()
    for task in workflow_state.workflow.tasks.filter(active=True).specific():
        if not reviews_content(task):
            continue
        last_state = workflow_state.task_states.filter(task=task).order_by("-started_at", "-pk").first()
        if last_state is None or last_state.status not in (
            TaskState.STATUS_APPROVED,
            TaskState.STATUS_SKIPPED,
        ):
            continue
        changed = changed_content_fields(approved_revision(last_state), latest)
        if changed:
            return task, changed
    return None


def send_back_if_content_changed(workflow_state: WorkflowState | None, user) -> bool:
    """Send an in-progress workflow back to the content review whose approval no longer covers it.

    Called whenever the page may have changed while a later task (the SEO check) holds
    it: after every edit, and before that task approves. While a content review is the
    current task there is nothing to do: its approval will cover what it sees. Returns
    whether the page was sent back.
    """
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return False
    current = workflow_state.current_task_state
    if current is None or current.status != TaskState.STATUS_IN_PROGRESS or reviews_content(current.task):
        return False
    stale = stale_content_approval(workflow_state)
    if stale is None:
        return False
    task, changed = stale
    restart_task(workflow_state, task, user, changed)
    return True


@transaction.atomic
def restart_task(workflow_state: WorkflowState, task: Task, user, changed_fields: list[str]) -> None:
    """Cancel the current task and start ``task`` again, logging why in the page's history.

    The one place that steps outside Wagtail's task-state methods:
    ``TaskState.cancel()`` moves the workflow on to the next task not yet approved,
    which here is the very task being cancelled (the moderator's approval still counts
    as done). So the current task state is cancelled by hand, with the same fields and
    signal ``cancel()`` uses, and the workflow is then told which task comes next.
    """
    current = workflow_state.current_task_state
    comment = f"Content changed after “{task.name}” approved it ({', '.join(changed_fields)}): sent back to “{task.name}”."
    current.status = TaskState.STATUS_CANCELLED
    current.finished_at = timezone.now()
    current.finished_by = user
    current.comment = comment
    current.save(update_fields=["status", "finished_at", "finished_by", "comment"])
    task_cancelled.send(sender=current.specific.__class__, instance=current.specific, user=user)
    workflow_state.update(user=user, next_task=task)

    page = workflow_state.content_object
    logger.info("Page %s sent back to %r: changed %s", page.pk, task.name, ", ".join(changed_fields))
    log(
        instance=page.specific if isinstance(page, Page) else page,
        action=CONTENT_CHANGED_ACTION,
        user=user,
        revision=page.get_latest_revision(),
        data={
            "workflow": {
                **workflow_log_entry(workflow_state, workflow_state.current_task_state_id, task),
                "cancelled": {"id": current.task_id, "title": current.task.name},
            },
            "changed_fields": changed_fields,
            "comment": comment,
        },
    )
