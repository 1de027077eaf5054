"""The SEO check: a workflow step that will not approve a page which breaks the SEO rules.

It behaves like Wagtail's group approval task (its groups review, everyone else is
locked out while the page waits on it), with one difference: "Approve" is refused
while the content that approval would publish breaks a rule in ``home.seo``. The
reviewer is sent back to the page editor, where the task's lock message names the
broken rules, so they can fix the Promote fields there or request changes.

The "Catalogue approval" workflow (home/migrations/0007) puts it after a
moderator's approval.
"""

import logging

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.locks import WorkflowLock
from wagtail.models import AbstractGroupApprovalTask, Page

from home.seo import SeoProblem, seo_problems

logger = logging.getLogger(__name__)

SEO_REVIEWER_GROUPS = ("Marketers", "Moderators")


def default_seo_reviewer_groups():
    """The groups a new SEO check starts with: marketers own the metadata, moderators back them up."""
    return Group.objects.filter(name__in=SEO_REVIEWER_GROUPS)


def pending_seo_problems(obj) -> list[SeoProblem]:
    """The rules broken by what approving ``obj`` would publish: its latest revision.

    The latest revision, not the one the task started on, because that is what
    Wagtail publishes when the workflow finishes, and a reviewer may have fixed
    the Promote fields since the task began. Objects that are not pages have no
    SEO fields, so they have no problems.
    """
    if not isinstance(obj, Page):
        return []
    return seo_problems(obj.get_latest_revision_as_object())


class SeoCheckLock(WorkflowLock):
    """The usual workflow lock, plus the broken SEO rules, shown to anyone who opens the editor."""

    def get_message(self, user):
        message = super().get_message(user)
        problems = pending_seo_problems(self.object)
        if not problems:
            return message
        seo_message = format_html(
            "SEO check: this page cannot be approved until it meets the SEO rules. {}",
            format_html_join(" ", "{}", ((problem.message,) for problem in problems)),
        )
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

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        obj = task_state.workflow_state.content_object
        problems = pending_seo_problems(obj)
        if problems:
            # The task stays in progress. Sending the reviewer to the editor
            # (the workflow action view redirects to what on_action returns)
            # shows them SeoCheckLock's message naming the broken rules.
            logger.info(
                "SEO check refused approval of page %s: %s",
                obj.pk,
                ", ".join(problem.code for problem in problems),
            )
            return reverse("wagtailadmin_pages:edit", args=[obj.pk])
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
    earlier_approvals = task_state.workflow_state.task_states.filter(
        status=task_state.STATUS_APPROVED, finished_by__isnull=False
    ).select_related("finished_by")
    return any(obj.permissions_for_user(state.finished_by).can_publish() for state in earlier_approvals)
