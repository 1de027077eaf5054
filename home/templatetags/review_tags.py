"""The review problems of a page waiting in the workflow, for the admin's workflow templates."""

from django import template

from home.seo.review_checks import problems_html
from home.seo.workflows import pending_review_problems

register = template.Library()

# The editor collects modal data through this view and posts it with its own form.
EDITOR_MODAL_VIEW = "collect_workflow_action_data"


@register.simple_tag(takes_context=True)
def review_problems(context, page):
    """Blocking problems and warnings of ``page``'s pending revision, as linked lists."""
    problems = pending_review_problems(page)
    blocking = [problem for problem in problems if problem.blocking]
    warnings = [problem for problem in problems if not problem.blocking]
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    # In the editor a link jumps to the field on the same page, keeping unsaved edits.
    in_editor = bool(match and match.url_name == EDITOR_MODAL_VIEW)
    return {
        "blocking": blocking,
        "warnings": warnings,
        "blocking_html": problems_html(page, blocking, same_page=in_editor) if blocking else "",
        "warnings_html": problems_html(page, warnings, same_page=in_editor) if warnings else "",
        "in_editor": in_editor,
    }
