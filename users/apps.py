from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(AppConfig):
    name = "users"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from users.admin_account import use_capped_avatar_form

        use_capped_avatar_form()


class CustomUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms that know our profile fields."""

    user_viewset = "users.viewsets.UserViewSet"
