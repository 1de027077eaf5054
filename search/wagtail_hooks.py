"""Search admin: the search query report in the Reports menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.reports import SearchQueryReportView, user_can_see_query_report


class SearchQueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_query_report(request.user)


@hooks.register("register_admin_urls")
def register_search_query_report_urls():
    return [
        path("reports/search-queries/", SearchQueryReportView.as_view(), name="search_query_report"),
        path(
            "reports/search-queries/results/",
            SearchQueryReportView.as_view(results_only=True),
            name="search_query_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_query_report_menu_item():
    return SearchQueryReportMenuItem(
        "Search queries",
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=1310,
    )
