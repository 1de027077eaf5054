"""The SEO audit: every live page that breaks an SEO rule, as an admin report and as dashboard counts.

The per-page rules come from `home.seo`, so the report, the approval task and the
editor's guidance agree. This module adds what only the whole site can tell:
duplicate titles and descriptions, and pages hidden from search engines.
"""

import operator
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from types import SimpleNamespace

import django_filters
from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.permissions import page_permission_policy

from home.pages import ShopPage
from home.seo import SeoProblem, effective_description, effective_title, seo_problems

# Every problem the audit can report, in the order rows and the dashboard list them.
PROBLEM_LABELS = {
    "title_missing": "Missing title",
    "title_too_long": "Title too long",
    "title_duplicate": "Duplicate title",
    "description_missing": "Missing description",
    "description_too_short": "Description too short",
    "description_too_long": "Description too long",
    "description_duplicate": "Duplicate description",
    "og_image_missing": "No sharing image",
    "noindex": "Hidden from search engines",
}

_PROBLEM_ORDER = {code: position for position, code in enumerate(PROBLEM_LABELS)}

# Any user with one of these page permissions may see the audit: see SeoAuditReportView.
REPORT_PAGE_PERMISSIONS = ["add", "change", "publish"]


def user_can_see_seo_audit(user) -> bool:
    return page_permission_policy.user_has_any_permission(user, REPORT_PAGE_PERMISSIONS)


class PageSeoFields(SimpleNamespace):
    """A live page's columns (StreamFields aside) plus `has_own_image`, read without building the page.

    Building 2,000 product pages costs about three times as much as reading their
    columns (measured: ~320 ms against ~105 ms), and the SEO rules only read attributes. Every column is present, so a rule reading
    another field still sees it; a rule calling a page method fails loudly.
    """

    @property
    def pk(self) -> int:
        return self.id

    def get_admin_display_title(self) -> str:
        return self.draft_title or self.title


@dataclass
class SeoAuditRow:
    """One live page and the SEO rules it breaks."""

    page: PageSeoFields
    page_model: type[ShopPage]
    problems: list[SeoProblem] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.page.pk

    @property
    def title(self) -> str:
        return self.page.get_admin_display_title()

    @property
    def page_type(self) -> str:
        return capfirst(self.page_model._meta.verbose_name)

    @property
    def last_published_at(self) -> datetime | None:
        return self.page.last_published_at

    @property
    def problem_codes(self) -> list[str]:
        return [problem.code for problem in self.problems]

    @property
    def labelled_problems(self) -> list[tuple[str, str]]:
        """(label, message) per problem, for the report's table."""
        return [
            (PROBLEM_LABELS.get(problem.code, problem.code), problem.message) for problem in self.problems
        ]

    @property
    def problem_labels(self) -> str:
        return ", ".join(PROBLEM_LABELS.get(code, code) for code in self.problem_codes)

    @property
    def problem_details(self) -> str:
        return " ".join(problem.message for problem in self.problems)


def shop_page_models() -> list[type[ShopPage]]:
    """The concrete page types carrying SEO fields, in a stable order."""
    models = [model for model in get_page_models() if issubclass(model, ShopPage)]
    return sorted(models, key=lambda model: model._meta.label_lower)


def _own_image_expression(model) -> ExpressionWrapper:
    """SQL for `home.seo.page_own_og_image(page) is not None`, so no image row is loaded per page.

    Image foreign keys are checked by id; a product's main image is its first
    gallery picture, which only needs to exist.
    """
    # Every ShopPage has og_image, so the condition is never empty.
    conditions = []
    for name in ("og_image", "main_image", "hero_image"):
        try:
            image_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if image_field.many_to_one:
            conditions.append(Q(**{f"{name}__isnull": False}))
    gallery = getattr(model, "gallery_images", None)
    if gallery is not None:
        gallery_rel = gallery.rel
        pictures = gallery_rel.related_model.objects.filter(**{gallery_rel.field.name: OuterRef("pk")})
        conditions.append(Q(Exists(pictures)))
    return ExpressionWrapper(reduce(operator.or_, conditions), output_field=BooleanField())


def live_shop_pages() -> list[tuple[type[ShopPage], PageSeoFields]]:
    """Every live page of every SEO-carrying type: one query per page type, whatever the page count.

    Aliases are left out: they mirror their source page, which is audited (and edited) instead.
    """
    pages = []
    for model in shop_page_models():
        columns = [
            model_field.attname
            for model_field in model._meta.concrete_fields
            if not isinstance(model_field, StreamField)
        ]
        rows = (
            model.objects.live()
            .exact_type(model)
            .filter(alias_of__isnull=True)
            .annotate(has_own_image=_own_image_expression(model))
            .values(*columns, "has_own_image")
        )
        pages.extend((model, PageSeoFields(**row)) for row in rows)
    return pages


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def seo_audit_rows() -> list[SeoAuditRow]:
    """Live pages with at least one SEO problem, ordered by title."""
    pages = live_shop_pages()
    titles = {page.pk: _normalised(effective_title(page)) for _, page in pages}
    descriptions = {page.pk: _normalised(effective_description(page)) for _, page in pages}
    title_counts = Counter(title for title in titles.values() if title)
    description_counts = Counter(description for description in descriptions.values() if description)

    rows = []
    for model, page in pages:
        problems = seo_problems(page, has_og_image=page.has_own_image)
        if page.noindex:
            problems.append(
                SeoProblem("noindex", "The page is hidden from search engines and left out of the sitemap.")
            )
        if (shared := title_counts[titles[page.pk]] - 1) > 0:
            problems.append(
                SeoProblem("title_duplicate", f"{shared} other live page(s) have the same title.")
            )
        if (shared := description_counts[descriptions[page.pk]] - 1) > 0:
            problems.append(
                SeoProblem("description_duplicate", f"{shared} other live page(s) have the same description.")
            )
        if problems:
            problems.sort(key=lambda problem: _PROBLEM_ORDER.get(problem.code, len(_PROBLEM_ORDER)))
            rows.append(SeoAuditRow(page=page, page_model=model, problems=problems))
    rows.sort(key=lambda row: (row.title.casefold(), row.pk))
    return rows


def seo_problem_counts(rows: list[SeoAuditRow] | None = None) -> dict[str, int]:
    """How many live pages have each problem; every problem type is present, zero or not."""
    if rows is None:
        rows = seo_audit_rows()
    counts = Counter(code for row in rows for code in row.problem_codes)
    return {code: counts[code] for code in PROBLEM_LABELS}


class SeoAuditFilterSet(WagtailFilterSet):
    """Filters the audit's rows, which are computed in Python rather than in a queryset."""

    problem = django_filters.ChoiceFilter(label="Problem", choices=list(PROBLEM_LABELS.items()))
    page_type = django_filters.ChoiceFilter(
        label="Page type",
        choices=lambda: [
            (model._meta.label_lower, capfirst(model._meta.verbose_name)) for model in shop_page_models()
        ],
    )

    class Meta:
        model = Page
        fields = []

    def filter_queryset(self, rows):
        problem = self.form.cleaned_data.get("problem")
        page_type = self.form.cleaned_data.get("page_type")
        if problem:
            rows = [row for row in rows if problem in row.problem_codes]
        if page_type:
            rows = [row for row in rows if row.page_model._meta.label_lower == page_type]
        return rows


class ProblemsColumn(Column):
    """Each problem's label, with the rule's message explaining it."""

    cell_template_name = "home/reports/seo_problems_cell.html"


class SeoAuditReportView(ReportView):
    """Live pages breaking an SEO rule, each linking to its editor; exportable to CSV and XLSX.

    Permission: any page permission (add, change or publish) anywhere in the tree, on
    top of the admin access every admin URL requires. That is the rule Wagtail's own
    page reports (aging pages, page types usage) use, and it fits the job: someone who
    cannot edit pages cannot fix what the audit finds. Marketers get it through their
    group's page permissions. The report then covers the whole site rather than only
    the pages the user may edit, because duplicates are a site-wide question and live
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
    verbose_name_plural = "live pages with SEO problems"
    paginate_by = 50
    export_filename = "seo-audit"
    list_export = ["title", "pk", "page_type", "problem_labels", "problem_details", "last_published_at"]
    export_headings = {
        "title": "Title",
        "pk": "Page ID",
        "page_type": "Page type",
        "problem_labels": "Problems",
        "problem_details": "Details",
        "last_published_at": "Last published",
    }
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit"),
        Column("page_type", label="Type"),
        ProblemsColumn("problems", label="Problems", accessor="labelled_problems"),
        DateColumn("last_published_at", label="Last published"),
    ]

    def get_queryset(self):
        return seo_audit_rows()

    def filter_queryset(self, rows):
        if self.filters and self.filters.is_valid():
            rows = self.filters.filter_queryset(rows)
        return rows

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


def seo_audit_url(problem: str | None = None) -> str:
    url = reverse("home_seo_audit")
    return f"{url}?problem={problem}" if problem else url
