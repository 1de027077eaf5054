"""Catalogue admin: brands, reviews, promotions and vouchers (snippets), orders, stock adjustment, low-stock panel, back-in-stock alerts."""

from django.conf import settings
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.options import modeladmin_register

from catalogue.admin_views.orders import OrderAdmin, order_change_status, order_invoice_admin
from catalogue.admin_views.sold_out import warn_if_sold_out
from catalogue.admin_views.stock import stock_adjust_view, user_can_adjust_stock
from catalogue.admin_views.stock_alerts import stock_alert_viewset
from catalogue.low_stock import low_stock_shelves
from catalogue.models import Brand, ProductPage, Promotion, Review, Voucher


class BrandViewSet(SnippetViewSet):
    model = Brand
    icon = "tag"
    menu_label = "Brands"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]


class ReviewFilterSet(WagtailFilterSet):
    class Meta:
        model = Review
        fields = ["status", "rating"]


class ReviewViewSet(SnippetViewSet):
    model = Review
    icon = "comment"
    menu_label = "Reviews"
    menu_order = 220
    add_to_admin_menu = True
    filterset_class = ReviewFilterSet
    list_display = [
        "product",
        Column("rating", label="Rating", accessor="rating"),
        "user",
        "status",
        "created_at",
    ]
    list_export = ["product", "user", "rating", "title", "body", "status", "created_at"]
    ordering = ["status", "-created_at"]
    search_fields = ["body", "title"]
    panels = [
        FieldPanel("status"),
        FieldPanel("product", read_only=True),
        FieldPanel("user", read_only=True),
        FieldPanel("rating", read_only=True),
        FieldPanel("title", read_only=True),
        FieldPanel("body", read_only=True),
    ]

    def get_queryset(self, request):
        return Review.objects.select_related("product", "user")


class PromotionViewSet(SnippetViewSet):
    """Marketers draft promotions; publishing goes through the "Promotion approval" workflow."""

    model = Promotion
    icon = "pick"
    menu_label = "Promotions"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "kind", "value", "starts_at", "ends_at", UpdatedAtColumn()]
    list_filter = ["kind", "live"]
    search_fields = ["name"]


class VoucherViewSet(SnippetViewSet):
    model = Voucher
    icon = "tag"
    menu_label = "Vouchers"
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["code", "kind", "value", "times_used", "max_uses", "ends_at", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "description"]
    ordering = ["-created_at"]


register_snippet(BrandViewSet)
register_snippet(ReviewViewSet)
register_snippet(PromotionViewSet)
register_snippet(VoucherViewSet)


class LowStockPanel(Component):
    """Dashboard panel: live products, and each variant on its own, at or below the low-stock threshold."""

    name = "low_stock"
    order = 110
    template_name = "catalogue/admin/low_stock_panel.html"
    limit = 10

    def __init__(self, can_adjust_stock: bool):
        self.can_adjust_stock = can_adjust_stock

    def get_context_data(self, parent_context=None):
        return {
            "shelves": low_stock_shelves(limit=self.limit),
            "threshold": settings.SHOP_LOW_STOCK_THRESHOLD,
            "limit": self.limit,
            "can_adjust_stock": self.can_adjust_stock,
        }


@hooks.register("construct_homepage_panels")
def add_low_stock_panel(request, panels):
    # Order handlers see what is running out; stock managers can also top it up from here.
    can_adjust_stock = user_can_adjust_stock(request.user)
    if can_adjust_stock or request.user.has_perm("catalogue.change_order"):
        panels.append(LowStockPanel(can_adjust_stock))


@hooks.register("register_admin_viewset")
def register_stock_alert_viewset():
    return stock_alert_viewset


@hooks.register("register_admin_urls")
def register_shop_admin_urls():
    return [
        path("shop/orders/<int:order_id>/status/", order_change_status, name="catalogue_order_change_status"),
        path("shop/orders/<int:order_id>/invoice/", order_invoice_admin, name="catalogue_order_invoice"),
        path("shop/stock/<int:page_id>/", stock_adjust_view, name="catalogue_stock_adjust"),
    ]


def stock_buttons(page, user):
    if isinstance(page.specific_deferred, ProductPage) and user_can_adjust_stock(user):
        yield Button(
            "Adjust stock", reverse("catalogue_stock_adjust", args=[page.pk]), icon_name="order", priority=60
        )


@hooks.register("register_page_header_buttons")
def stock_header_button(page, user, view_name, next_url=None):
    """In the "more" menu of the product's editor."""
    yield from stock_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def stock_listing_button(page, user, next_url=None):
    """In the "more" menu of the product's row in the page explorer."""
    yield from stock_buttons(page, user)


@hooks.register("before_edit_page")
def sold_out_on_open(request, page):
    """Opening a product without stock says so at the top of the editor."""
    if request.method == "GET":
        warn_if_sold_out(request, page)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def sold_out_on_save(request, page):
    """Saving, submitting or publishing a product without stock says it is, or will go, live sold out."""
    warn_if_sold_out(request, page)


modeladmin_register(OrderAdmin)
