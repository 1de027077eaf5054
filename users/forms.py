"""Shopper-facing account forms: sign-up, sign-in by email, and the profile."""

import warnings

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, PasswordResetForm
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from catalogue.emails.sending import enqueue_or_send
from users import throttle

User = get_user_model()

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
            raise forms.ValidationError(throttle.locked_out_message(), code="locked_out")
        return super().clean()


class EmailAuthenticationForm(LockoutMessageMixin, AuthenticationForm):
    """Sign in with an email address; the user manager matches it case-insensitively."""

    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class AvatarField(forms.ImageField):
    """An image upload refused, before Pillow decodes it, when its bytes or its pixels are too many.

    A PNG of 12,000 × 12,000 pixels compresses to a few hundred kilobytes but takes
    over half a gigabyte to decode, in our thumbnails and in every browser that shows
    it. So the size is checked first, then the width and height in the header (which
    Image.open reads without decoding), and only then does Django verify the file.
    """

    default_error_messages = {
        "file_too_large": _("Please upload an image no larger than %(size)s."),
        "too_many_pixels": _(
            "Please upload an image of at most %(max)s × %(max)s pixels; this one is %(width)s × %(height)s."
        ),
        # Past Pillow's MAX_IMAGE_PIXELS it refuses to say the size, only that it is huge.
        "decompression_bomb": _(
            "Please upload an image of at most %(max)s × %(max)s pixels; this one has far more."
        ),
    }

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        if getattr(data, "size", 0) > settings.AVATAR_MAX_BYTES:
            raise forms.ValidationError(
                self.error_messages["file_too_large"],
                code="file_too_large",
                params={"size": filesizeformat(settings.AVATAR_MAX_BYTES)},
            )
        self._check_dimensions(data)
        return super().to_python(data)

    def _check_dimensions(self, data) -> None:
        try:
            with warnings.catch_warnings():
                # Pillow only warns between MAX_IMAGE_PIXELS and twice that; refuse both.
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                # Opening reads the header only; Pillow leaves a file it was handed open.
                with Image.open(data) as header:
                    width, height = header.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise forms.ValidationError(
                self.error_messages["decompression_bomb"],
                code="too_many_pixels",
                params={"max": settings.AVATAR_MAX_DIMENSION},
            ) from exc
        except (OSError, SyntaxError, ValueError, EOFError):
            return  # not an image Pillow knows: Django's own check says so next
        finally:
            data.seek(0)
        limit = settings.AVATAR_MAX_DIMENSION
        if width > limit or height > limit:
            raise forms.ValidationError(
                self.error_messages["too_many_pixels"],
                code="too_many_pixels",
                params={"max": limit, "width": width, "height": height},
            )


def _avatar_help_text() -> str:
    return _("A PNG, JPEG, GIF or WebP image of up to %(size)s and %(max)s × %(max)s pixels.") % {
        "size": filesizeformat(settings.AVATAR_MAX_BYTES),
        "max": settings.AVATAR_MAX_DIMENSION,
    }


avatar_help_text = lazy(_avatar_help_text, str)


class AvatarFormMixin:
    """The avatar rules, shared by the shopper's profile form and Wagtail's user admin.

    Forms using it set ``field_classes = {"avatar": AvatarField}`` in their Meta, so
    the size and pixel caps run before the image is opened.
    """

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
        field_classes = {"avatar": AvatarField}
        help_texts = {"avatar": avatar_help_text()}


class AdminLoginForm(LockoutMessageMixin, WagtailLoginForm):
    """The Wagtail admin's login form, with the same lockout as the shop's."""


class ShopPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the email rendered from the editors' wording and sent by Celery.

    Only the account and the address the link points at travel through the broker; the
    worker makes the token, so no reset token waits in Redis.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from users.tasks import send_password_reset_email

        args = (str(context["user"].pk), context["protocol"], context["domain"])
        transaction.on_commit(lambda: enqueue_or_send(send_password_reset_email, *args))
