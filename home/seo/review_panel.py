"""Dashboard panel: pages waiting on the reviewer at the SEO check, with what stands in their way."""

from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from home.seo.review_checks import problems_html
from home.seo.workflows import SeoCheckTask, pending_review_problems

# Pages listed at most; the awaiting-review panel beside it lists them all.
PANEL_LIMIT = 20


def seo_check_pages_with_problems(user) -> list[dict]:
    """Pages at an SEO check ``user`` reviews, whose pending revision has problems, oldest wait first."""
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS, task__in=SeoCheckTask.objects.all())
        .select_related("workflow_state")
        .order_by("started_at")[:PANEL_LIMIT]
    )
    page_ids = [int(state.workflow_state.object_id) for state in states]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    rows = []
    for page_id in page_ids:
        page = pages.get(page_id)
        problems = pending_review_problems(page) if page else []
        if problems:
            blocked = any(problem.blocking for problem in problems)
            rows.append({"page": page, "blocked": blocked, "problems_html": problems_html(page, problems)})
    return rows


class ReviewProblemsPanel(Component):
    name = "review_problems"
    order = 110
    template_name = "home/admin/review_problems_panel.html"

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows}
