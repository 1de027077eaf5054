"""Home admin: the SEO audit report and its dashboard panel, and the workflow's rules and messages."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.models import WorkflowState

from home.admin_reports import ReportMenuItem, report_urls
from home.pages.content import user_can_edit_content
from home.seo.report import (
    PROBLEM_LABELS,
    SeoAuditReportView,
    seo_audit_url,
    seo_problem_counts,
    user_can_see_seo_audit,
)
from home.seo.review_checks import problems_html
from home.seo.review_panel import ReviewProblemsPanel, seo_check_pages_with_problems
from home.seo.workflows import (
    CONTENT_CHANGED_ACTION,
    REFUSED_PARAM,
    REFUSED_VALUE,
    SEO_ONLY_SKIP_ACTION,
    SeoCheckTask,
    blocking_problems,
    pending_review_problems,
    send_back_if_content_changed,
)
from home.serving.cache_policy import cache_seconds
from home.serving.content_cache import namespaced_key


class SeoAuditPanel(Component):
    """Dashboard panel: how many live pages break each SEO rule, each linking to the filtered report."""

    name = "seo_audit"
    order = 120
    template_name = "home/admin/seo_audit_panel.html"

    def get_context_data(self, parent_context=None):
        # The audit's measurements change when a page changes (the "seo" namespace moves on)
        # or a redirect changes, which is rare and heals within the shared lifetime.
        key = namespaced_key("seo", "audit-counts")
        cached = cache.get(key)
        if cached is None:
            cached = seo_problem_counts()
            cache.set(key, cached, cache_seconds())
        counts, page_count = cached
        problems = [
            {"code": code, "label": label, "count": counts[code], "url": seo_audit_url(code)}
            for code, label in PROBLEM_LABELS.items()
        ]
        return {"problems": problems, "page_count": page_count, "report_url": seo_audit_url()}


@hooks.register("register_admin_urls")
def register_seo_audit_urls():
    return report_urls("seo-audit", SeoAuditReportView, "home_seo_audit")


@hooks.register("register_reports_menu_item")
def register_seo_audit_menu_item():
    return ReportMenuItem(
        "SEO audit",
        reverse("home_seo_audit"),
        name="seo-audit",
        icon_name="search",
        order=1300,
        can_see=user_can_see_seo_audit,
    )


@hooks.register("construct_homepage_panels")
def add_seo_audit_panel(request, panels):
    if user_can_see_seo_audit(request.user):
        panels.append(SeoAuditPanel())


@hooks.register("construct_homepage_panels")
def add_review_problems_panel(request, panels):
    rows = seo_check_pages_with_problems(request.user)
    if rows:
        panels.append(ReviewProblemsPanel(rows))


@hooks.register("before_edit_page")
def flag_review_problems_ahead_of_the_seo_check(request, page):
    """A reviewer at an earlier task (the moderator) sees now what the SEO check will refuse or flag."""
    if request.method != "GET":
        return
    task = page.current_workflow_task
    if task is None or isinstance(task, SeoCheckTask) or not task.get_actions(page, request.user):
        return
    problems = pending_review_problems(page)
    if problems:
        messages.warning(
            request,
            format_html(
                "Before you approve: the SEO check will {} this page as it stands. {}",
                "refuse" if any(problem.blocking for problem in problems) else "flag",
                problems_html(page, problems, same_page=True),
            ),
        )


@hooks.register("before_edit_page")
def explain_refused_approval(request, page):
    """A dashboard "Approve" the SEO check refused lands here: say so as an error, with what to fix."""
    if request.method != "GET" or request.GET.get(REFUSED_PARAM) != REFUSED_VALUE:
        return
    problems = blocking_problems(page)
    if problems:
        messages.error(
            request,
            format_html(
                "Not approved: the SEO check cannot pass “{}” until these are fixed. {}",
                page.get_admin_display_title(),
                problems_html(page, problems, same_page=True),
            ),
        )


@hooks.register("after_edit_page")
def send_changed_content_back_to_review(request, page):
    """A save while the SEO check holds the page (a draft, a resubmission) may change what was approved."""
    workflow_state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("current_task_state__task", "workflow")
        .first()
    )
    send_back_if_content_changed(workflow_state, request.user)


# Shown in the editor's footer under "Autosave is paused" while a new page has never been saved.
NEW_PAGE_AUTOSAVE_MESSAGE = (
    "A new page is autosaved once you have saved it: save a draft, submit or publish it first."
)


@hooks.register("before_create_page")
def autosave_only_pages_that_exist(request, parent_page, page_class):
    """Decision 72: autosave on the create view would race the editor's own Save, Submit or Publish.

    An autosave there creates the page. An action chosen while it is in flight still posts to
    the create view, passes the slug check (the page is not committed yet) and then fails
    on save, and the editor gets an error page. Refusing autosave until the page exists
    leaves one way to create it; autosave runs as usual on the edit view after.
    """
    if request.method == "POST" and not request.accepts("text/html"):
        # The shape Wagtail's autosave client reads: it shows the message and keeps the form.
        return JsonResponse(
            {"success": False, "error_code": "validation_error", "error_message": NEW_PAGE_AUTOSAVE_MESSAGE},
            status=400,
        )


@hooks.register("before_edit_page")
def refuse_revert_without_content_permission(request, page):
    """Reverting restores an old revision's content, which only users who may edit content can do."""
    match = request.resolver_match
    if match and match.url_name == "revisions_revert" and not user_can_edit_content(request.user):
        raise PermissionDenied


@hooks.register("register_log_actions")
def register_content_changed_log_action(actions):
    @actions.register_action(CONTENT_CHANGED_ACTION)
    class ContentChangedFormatter(LogFormatter):
        label = "Workflow: sent back for re-approval"

        def format_message(self, log_entry):
            try:
                return "Content changed after approval ({}). Sent back to '{}'".format(
                    ", ".join(log_entry.data["changed_fields"]), log_entry.data["workflow"]["task"]["title"]
                )
            except (KeyError, TypeError):
                return "Content changed after approval. Sent back for re-approval"

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

    @actions.register_action(SEO_ONLY_SKIP_ACTION)
    class SeoOnlySkipFormatter(LogFormatter):
        label = "Workflow: SEO-only change, content review skipped"

        def format_message(self, log_entry):
            try:
                return "Only SEO fields changed: '{}' skipped, on to the SEO check".format(
                    log_entry.data["workflow"]["task"]["title"]
                )
            except (KeyError, TypeError):
                return "Only SEO fields changed: content review skipped"

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")
