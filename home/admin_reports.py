"""What every admin report of ours registers: its URLs and a Reports menu item for those allowed."""

from collections.abc import Callable

from django.urls import path
from wagtail.admin.menu import MenuItem


def report_urls(route: str, view_class, name: str) -> list:
    """The report's page and its results-only view (what the filters refresh in place)."""
    return [
        path(f"reports/{route}/", view_class.as_view(), name=name),
        path(f"reports/{route}/results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]


class ReportMenuItem(MenuItem):
    """A Reports menu item shown only to users ``can_see`` allows."""

    def __init__(self, *args, can_see: Callable, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_see = can_see

    def is_shown(self, request):
        return self.can_see(request.user)
