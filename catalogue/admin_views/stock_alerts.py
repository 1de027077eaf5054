"""A read-only admin listing of back-in-stock alerts: who waits for what, and who has been told.

Subscriptions are made by shoppers and ended by their unsubscribe links, never by staff,
so the viewset offers no add, edit, copy or delete: only the listing and each row's
details, to whoever handles orders or adjusts stock.
"""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import ModelPermissionPolicy

from catalogue.admin_views.stock import user_can_adjust_stock
from catalogue.models import BackInStockSubscription


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Only "view", for staff who deal with orders or stock; nothing may be written here."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return user.is_superuser or user.has_perm("catalogue.change_order") or user_can_adjust_stock(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class StockAlertViewSet(ModelViewSet):
    model = BackInStockSubscription
    icon = "mail"
    menu_label = "Back-in-stock alerts"
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    # Wagtail builds the add and edit views regardless; the policy refuses them to everyone.
    form_fields = ["email"]
    inspect_view_enabled = True
    inspect_view_fields = ["email", "product", "variant", "user", "created_at", "notified_at"]
    list_display = [
        Column("email", label="Email"),
        Column("shelf", label="Waiting for"),
        DateColumn("created_at", label="Asked"),
        DateColumn("notified_at", label="Told"),
    ]
    list_filter = ["notified_at"]
    search_fields = ["email"]
    search_backend_name = None

    @property
    def permission_policy(self):
        return ViewOnlyPolicy(self.model)

    def get_index_view_kwargs(self, **kwargs):
        # The variant's label and the product's title on every row, in the listing's one query.
        queryset = BackInStockSubscription.objects.select_related("product", "variant")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


stock_alert_viewset = StockAlertViewSet("stock_alerts")
