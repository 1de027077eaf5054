"""The SEO audit report and dashboard counts, read from the measurements `home.seo.audit` stores.

Everything is filtered, counted and paginated in the database: a page of the report
costs the same handful of queries at 100 pages or 100,000. Duplicate titles and
descriptions are worked out here, at query time, from the stored hashes.
"""

from functools import cache

import django_filters
from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, PanelGroup
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permissions import page_permission_policy

from home.models import SeoAuditEntry, SeoAuditProblem
from home.seo.audit import REDIRECT_TYPE, SHARED_FLAGS, shop_page_models
from home.seo.rules import PROBLEM_LABELS

__all__ = ["PROBLEM_LABELS", "SeoAuditReportView", "seo_audit_rows", "seo_problem_counts", "seo_audit_url"]

# Any user with one of these page permissions may see the audit: see SeoAuditReportView.
REPORT_PAGE_PERMISSIONS = ["add", "change", "publish"]


def user_can_see_seo_audit(user) -> bool:
    return page_permission_policy.user_has_any_permission(user, REPORT_PAGE_PERMISSIONS)


def seo_audit_rows(problem: str | None = None, page_type: str | None = None):
    """Audited pages and redirects with at least one problem, by title: a queryset, sliced by the paginator.

    Every filter is a stored column (or an indexed EXISTS for one problem code), so the
    count and each page of rows come from indexes at any size.
    """
    rows = SeoAuditEntry.objects.filter(has_problems=True)
    if problem == "title_duplicate":
        rows = rows.filter(title_shared=True)
    elif problem == "description_duplicate":
        rows = rows.filter(description_shared=True)
    elif problem:
        rows = rows.filter(Exists(SeoAuditProblem.objects.filter(entry=OuterRef("pk"), code=problem)))
    if page_type:
        rows = rows.filter(page_type=page_type)
    return rows.prefetch_related("problems").order_by("sort_title", "pk")


def shared_counts(entries: list[SeoAuditEntry]) -> dict[tuple[str, str], int]:
    """How many entries carry each title and description hash of ``entries``: two queries for a page of rows."""
    counts = {}
    for hash_field, flag in SHARED_FLAGS:
        hashes = {getattr(entry, hash_field) for entry in entries if getattr(entry, flag)}
        if hashes:
            grouped = (
                SeoAuditEntry.objects.filter(**{f"{hash_field}__in": hashes})
                .values(hash_field)
                .annotate(n=Count("pk"))
                .order_by()
            )
            counts.update({(hash_field, row[hash_field]): row["n"] for row in grouped})
    return counts


def seo_problem_counts() -> tuple[dict[str, int], int]:
    """How many audited pages have each problem (every code present), and how many have any: two queries."""
    counts = dict.fromkeys(PROBLEM_LABELS, 0)
    for row in SeoAuditProblem.objects.values("code").annotate(n=Count("entry_id", distinct=True)).order_by():
        counts[row["code"]] = row["n"]
    totals = SeoAuditEntry.objects.aggregate(
        title=Count("pk", filter=Q(title_shared=True)),
        description=Count("pk", filter=Q(description_shared=True)),
        any=Count("pk", filter=Q(has_problems=True)),
    )
    counts["title_duplicate"], counts["description_duplicate"] = totals["title"], totals["description"]
    return counts, totals["any"]


# --- Links straight to the field that fixes a problem -----------------------------------


def _walk_panels(panel, prefix: str, anchors: dict) -> None:
    for identifier, child in zip(panel.child_identifiers, panel.children, strict=True):
        child_prefix = f"{prefix}-child-{identifier}"
        if isinstance(child, InlinePanel):
            anchors[child.relation_name] = f"{prefix}-{identifier}-section"
        elif isinstance(child, FieldPanel):
            anchors[child.field_name] = f"{child_prefix}-wrapper"
        elif isinstance(child, PanelGroup):
            _walk_panels(child, child_prefix, anchors)


@cache
def field_anchors(model) -> dict[str, str]:
    """The HTML id of each field's panel in the model's edit form, as Wagtail 7.4 numbers them.

    Linking to an element inside a tab makes Wagtail's tabs open that tab and scroll to
    it; `home/tests/test_seo_audit.py` checks every anchor against the real edit page.
    """
    anchors: dict[str, str] = {}
    _walk_panels(model.get_edit_handler(), "panel", anchors)
    return anchors


def fix_url(entry: SeoAuditEntry, problem: SeoAuditProblem) -> str:
    field = problem.fix_field
    if field.startswith("image:"):
        return reverse("wagtailimages:edit", args=[int(field.split(":", 1)[1])]) + "#id_description"
    if entry.redirect_id:
        return reverse("wagtailredirects:edit", args=[entry.redirect_id]) + (f"#id_{field}" if field else "")
    url = reverse("wagtailadmin_pages:edit", args=[entry.page_id])
    anchor = field_anchors(apps.get_model(entry.page_type)).get(field) if field else None
    return f"{url}#{anchor}" if anchor else url


class AuditRow:
    """One row of the report: an entry with its problems, labelled, each with its fix link."""

    def __init__(self, entry: SeoAuditEntry, shared: dict | None = None):
        """``shared`` holds the twin counts (see shared_counts); without it, messages leave the number out."""
        self.entry = entry
        shared = shared or {}
        self.problems = [
            {
                "code": problem.code,
                "label": PROBLEM_LABELS.get(problem.code, problem.code),
                "message": problem.message,
                "url": fix_url(entry, problem),
            }
            for problem in entry.problems.all()
        ]
        edit_url = self.edit_url
        for code, hash_field, flag, field in (
            ("title_duplicate", "title_hash", "title_shared", "seo_title"),
            ("description_duplicate", "description_hash", "description_shared", "search_description"),
        ):
            if getattr(entry, flag):
                count = shared.get((hash_field, getattr(entry, hash_field)))
                others = f"{count - 1} other live page(s) have" if count else "Other live pages have"
                anchor = field_anchors(apps.get_model(entry.page_type)).get(field)
                self.problems.append(
                    {
                        "code": code,
                        "label": PROBLEM_LABELS[code],
                        "message": f"{others} the same {field.split('_')[-1]}.",
                        "url": f"{edit_url}#{anchor}" if anchor else edit_url,
                    }
                )
        order = list(PROBLEM_LABELS)
        self.problems.sort(
            key=lambda problem: order.index(problem["code"]) if problem["code"] in order else 99
        )

    @property
    def pk(self) -> int:
        return self.entry.page_id or self.entry.redirect_id

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def edit_url(self) -> str:
        if self.entry.redirect_id:
            return reverse("wagtailredirects:edit", args=[self.entry.redirect_id])
        return reverse("wagtailadmin_pages:edit", args=[self.entry.page_id])

    @property
    def page_type(self) -> str:
        if self.entry.page_type == REDIRECT_TYPE:
            return "Redirect"
        return capfirst(apps.get_model(self.entry.page_type)._meta.verbose_name)

    @property
    def last_published_at(self):
        return self.entry.last_published_at

    @property
    def problem_codes(self) -> list[str]:
        return [problem["code"] for problem in self.problems]

    @property
    def problem_labels(self) -> str:
        return ", ".join(problem["label"] for problem in self.problems)

    @property
    def problem_details(self) -> str:
        return " ".join(problem["message"] for problem in self.problems)


def _page_type_choices():
    choices = [(model._meta.label_lower, capfirst(model._meta.verbose_name)) for model in shop_page_models()]
    return [*choices, (REDIRECT_TYPE, "Redirect")]


class SeoAuditFilterSet(WagtailFilterSet):
    problem = django_filters.ChoiceFilter(
        label="Problem", choices=list(PROBLEM_LABELS.items()), method="by_problem"
    )
    page_type = django_filters.ChoiceFilter(
        label="Page type", choices=_page_type_choices, method="by_page_type"
    )

    class Meta:
        model = SeoAuditEntry
        fields = []

    def by_problem(self, queryset, name, value):
        return seo_audit_rows(problem=value, page_type=self.form.cleaned_data.get("page_type") or None)

    def by_page_type(self, queryset, name, value):
        return queryset.filter(page_type=value)


class ProblemsColumn(Column):
    """Each problem's label and message, linking to the field that fixes it."""

    cell_template_name = "home/reports/seo_problems_cell.html"


class SeoAuditReportView(ReportView):
    """Live pages and redirects breaking an SEO rule; each problem links to its field.

    Permission: any page permission (add, change or publish) anywhere in the tree, on
    top of the admin access every admin URL requires. That is the rule Wagtail's own
    page reports (aging pages, page types usage) use, and it fits the job: someone who
    cannot edit pages cannot fix what the audit finds. Marketers get it through their
    group's page permissions. The report covers the whole site rather than only the
    pages the user may edit, because duplicates are a site-wide question and live
    pages' metadata is public anyway; the edit links enforce page permissions.
    """

    page_title = "SEO audit"
    header_icon = "search"
    index_url_name = "home_seo_audit"
    index_results_url_name = "home_seo_audit_results"
    filterset_class = SeoAuditFilterSet
    permission_policy = page_permission_policy
    any_permission_required = REPORT_PAGE_PERMISSIONS
    context_object_name = "rows"
    verbose_name = "page"
    verbose_name_plural = "live pages and redirects with SEO problems"
    paginate_by = 50
    export_filename = "seo-audit"
    list_export = ["title", "pk", "page_type", "problem_labels", "problem_details", "last_published_at"]
    export_headings = {
        "title": "Title",
        "pk": "Page or redirect ID",
        "page_type": "Type",
        "problem_labels": "Problems",
        "problem_details": "Details",
        "last_published_at": "Last published",
    }
    columns = [
        TitleColumn("title", label="Page", get_url=lambda row: row.edit_url),
        Column("page_type", label="Type"),
        ProblemsColumn("problems", label="Problems"),
        DateColumn("last_published_at", label="Last published"),
    ]

    def get_queryset(self):
        return seo_audit_rows()

    def get_table(self, object_list):
        entries = list(object_list)
        shared = shared_counts(entries)
        self.rows = [AuditRow(entry, shared) for entry in entries]
        return super().get_table(self.rows)

    def decorate_paginated_queryset(self, object_list):
        # An export is the whole queryset, streamed and decorated row by row (to_row_dict).
        return object_list if self.is_export else self.rows

    def to_row_dict(self, item):
        # Exports stream straight from the queryset, undecorated, without twin counts
        # (a query per row at 100,000 rows).
        return super().to_row_dict(item if isinstance(item, AuditRow) else AuditRow(item))

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


def seo_audit_url(problem: str | None = None) -> str:
    url = reverse("home_seo_audit")
    return f"{url}?problem={problem}" if problem else url
