"""The search query report: what shoppers search for, and what they search for and do not find.

Marketers act on it: each query links to its promoted results (Wagtail's search
promotions), to pin the right pages for a popular query or rescue a query that
finds nothing. Wagtail's own "Search terms" report is for superusers only and has
no zero-result view; this one follows the search promotion permissions instead.
"""

import datetime
from urllib.parse import urlencode

import django_filters
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.permission_policies import ModelPermissionPolicy

from search.selectors import query_statistics

DEFAULT_PERIOD_DAYS = 30
TOP = "top"
ZERO_RESULTS = "zero"
REPORT_KINDS = [(TOP, "Top searches"), (ZERO_RESULTS, "Searches with no results")]

promotion_permission_policy = ModelPermissionPolicy(SearchPromotion)
REPORT_PERMISSIONS = ["add", "change", "delete"]


def user_can_see_query_report(user) -> bool:
    return promotion_permission_policy.user_has_any_permission(user, REPORT_PERMISSIONS)


def default_period() -> tuple[datetime.date, datetime.date]:
    today = timezone.now().date()  # hits are dated in UTC, see search.services
    return today - datetime.timedelta(days=DEFAULT_PERIOD_DAYS - 1), today


class SearchQueryReportFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label="Show", choices=REPORT_KINDS, method="filter_kind", empty_label=None
    )
    # Read by the view to count hits within the period (see SearchQueryReportView.period).
    period = django_filters.DateFromToRangeFilter(
        label="Period (default: the last 30 days)", widget=DateRangePickerWidget, method="keep"
    )

    class Meta:
        model = Query
        fields = []

    def filter_kind(self, queryset, name, value):
        if value == ZERO_RESULTS:
            return queryset.filter(zero_result_searches__gt=0)
        return queryset

    def keep(self, queryset, name, value):
        return queryset


def promotion_label(query) -> str:
    if query.promotion_count:
        return f"Edit promotions ({query.promotion_count})"
    return "Add a promotion"


class SearchQueryReportView(ReportView):
    """Queries searched in a period, most searched first; or only those that found nothing.

    Permission: any of add, change or delete on search promotions, which Marketers have.
    """

    page_title = "Search queries"
    header_icon = "search"
    index_url_name = "search_query_report"
    index_results_url_name = "search_query_report_results"
    filterset_class = SearchQueryReportFilterSet
    permission_policy = promotion_permission_policy
    any_permission_required = REPORT_PERMISSIONS
    default_ordering = "-searches"
    export_filename = "search-queries"
    list_export = ["query_string", "searches", "zero_result_searches", "promotion_count"]
    export_headings = {
        "query_string": "Search term",
        "searches": "Searches",
        "zero_result_searches": "Searches with no results",
        "promotion_count": "Promotions",
    }
    columns = [
        TitleColumn(
            "query_string",
            label="Search term",
            sort_key="query_string",
            get_url=lambda query: f"{reverse('search')}?{urlencode({'q': query.query_string})}",
        ),
        NumberColumn("searches", label="Searches", sort_key="searches"),
        NumberColumn("zero_result_searches", label="With no results", sort_key="zero_result_searches"),
        TitleColumn(
            "promotion",
            label="Promoted results",
            accessor=promotion_label,
            get_url=lambda query: reverse("wagtailsearchpromotions:edit", args=[query.pk]),
        ),
    ]

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        since, until = default_period()
        if self.filters is not None and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data.get("period")
            if chosen:
                since = chosen.start.date() if chosen.start else since - datetime.timedelta(days=3650)
                until = chosen.stop.date() if chosen.stop else until
        return since, until

    @property
    def kind(self) -> str:
        return self.request.GET.get("kind") if self.request.GET.get("kind") in dict(REPORT_KINDS) else TOP

    def get_base_queryset(self):
        return query_statistics(*self.period)

    def get_ordering(self):
        if self.kind == ZERO_RESULTS and "ordering" not in self.request.GET:
            return "-zero_result_searches"
        return super().get_ordering()

    def order_queryset(self, queryset):
        # A stable order for equal counts, so pages and exports agree.
        queryset = super().order_queryset(queryset)
        return queryset.order_by(*queryset.query.order_by, "query_string")

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"
