"""Search admin: the search query report in the Reports menu."""

from django.urls import reverse
from wagtail import hooks

from home.admin_reports import ReportMenuItem, report_urls
from search.reports import SearchQueryReportView, user_can_see_query_report


@hooks.register("register_admin_urls")
def register_search_query_report_urls():
    return report_urls("search-queries", SearchQueryReportView, "search_query_report")


@hooks.register("register_reports_menu_item")
def register_search_query_report_menu_item():
    return ReportMenuItem(
        "Search queries",
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=1310,
        can_see=user_can_see_query_report,
    )
