from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .admin_forms import ShopUserCreationForm, ShopUserEditForm


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return ShopUserEditForm if for_update else ShopUserCreationForm
