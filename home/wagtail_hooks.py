"""Home admin: the SEO audit report (Reports menu, admin URL) and its dashboard panel."""

from django.core.cache import cache
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from home.admin_reports import ReportMenuItem, report_urls
from home.content_cache import generation_key
from home.seo_report import (
    PROBLEM_LABELS,
    SeoAuditReportView,
    seo_audit_rows,
    seo_audit_url,
    seo_problem_counts,
    user_can_see_seo_audit,
)


class SeoAuditPanel(Component):
    """Dashboard panel: how many live pages break each SEO rule, each linking to the filtered report."""

    name = "seo_audit"
    order = 120
    template_name = "home/admin/seo_audit_panel.html"

    def get_context_data(self, parent_context=None):
        # The audit covers live pages only, so it can change only when something is
        # published: cache it for the current content generation.
        key = generation_key("seo-audit-counts")
        cached = cache.get(key)
        if cached is None:
            rows = seo_audit_rows()
            cached = (seo_problem_counts(rows), len(rows))
            cache.set(key, cached, 60 * 60)
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
