from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(AppConfig):
    name = "users"
    default_auto_field = "django.db.models.BigAutoField"


class CustomUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know our profile fields."""

    user_viewset = "users.viewsets.UserViewSet"
