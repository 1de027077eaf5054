"""Wagtail admin user forms extended with the shop's profile fields."""

from wagtail.users.forms import UserCreationForm, UserEditForm

from .forms import AvatarField, AvatarFormMixin

PROFILE_FIELDS = ("phone", "bio", "avatar")


class ShopUserCreationForm(AvatarFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)
        field_classes = {"avatar": AvatarField}


class ShopUserEditForm(AvatarFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)
        field_classes = {"avatar": AvatarField}
