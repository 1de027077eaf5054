"""Shopper-facing account forms: sign-up, sign-in by email, and the profile."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from users import throttle

User = get_user_model()

# ProfileForm's help text names this limit; keep the two in step.
AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


class SignupForm(BaseUserCreationForm):
    """Email, name and password twice; Django's password validators apply."""

    email_taken_message = User._meta.get_field("email").error_messages["unique"]

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name")
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        # The unique index alone would let "Ann@x.com" through beside "ann@x.com"
        # written by an older path; ask the same case-insensitive question login asks.
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(self.email_taken_message, code="unique")
        return email

    def add_email_taken_error(self):
        """For a sign-up that lost a race to the same address after this form was validated."""
        self.add_error("email", forms.ValidationError(self.email_taken_message, code="unique"))


class LockoutMessageMixin:
    """Say plainly when sign-in is locked out, instead of 'wrong password' (see users.throttle)."""

    def clean(self):
        if throttle.is_locked_out(self.request, self.data.get("username", "")):
            raise forms.ValidationError(throttle.LOCKED_OUT_MESSAGE, code="locked_out")
        return super().clean()


class EmailAuthenticationForm(LockoutMessageMixin, AuthenticationForm):
    """Sign in with an email address; the user manager matches it case-insensitively."""

    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class AvatarFormMixin:
    """The avatar rules, shared by the shopper's profile form and Wagtail's user admin."""

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        # Only a fresh upload carries the Pillow image that forms.ImageField opened;
        # an unchanged avatar is already stored and was checked when it came in.
        image = getattr(avatar, "image", None)
        if image is None:
            return avatar
        if image.format not in AVATAR_FORMATS:
            # Pillow opens TIFF, BMP, PSD and more, which browsers will not show.
            raise forms.ValidationError(
                _("Please upload a PNG, JPEG, GIF or WebP image."), code="invalid_image_format"
            )
        if avatar.size > AVATAR_MAX_BYTES:
            raise forms.ValidationError(
                _("Please upload an image no larger than %(size)s."),
                code="file_too_large",
                params={"size": filesizeformat(AVATAR_MAX_BYTES)},
            )
        return avatar


class ProfileForm(AvatarFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "phone", "bio", "avatar")
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "bio": forms.Textarea(attrs={"rows": 4}),
            "avatar": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
        }
        help_texts = {"avatar": _("A PNG, JPEG, GIF or WebP image of up to 2 MB.")}


class AdminLoginForm(LockoutMessageMixin, WagtailLoginForm):
    """The Wagtail admin's login form, with the same lockout as the shop's."""
