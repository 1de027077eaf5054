"""The Wagtail admin's own profile-picture upload (``/admin/account/``), with the shop's avatar caps.

Wagtail's avatar form opens and resizes whatever it is given, in memory: a 12,000 ×
12,000 px PNG of a few kilobytes costs the worker about half a gigabyte. Wagtail builds
that panel itself and offers no hook to replace it, so ``use_capped_avatar_form`` points
the panel at a form whose field refuses oversized files before anything is decoded.
This is the one place that touches Wagtail's panel class; ``users/tests/test_admin_account.py``
fails if a Wagtail upgrade moves it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.account import AvatarPreferencesForm
from wagtail.admin.views import account as account_views

from users.forms import AvatarField, avatar_help_text


class CappedAvatarPreferencesForm(AvatarPreferencesForm):
    avatar = AvatarField(label=_("Upload a profile picture"), required=False, help_text=avatar_help_text())


def use_capped_avatar_form() -> None:
    account_views.AvatarSettingsPanel.form_class = CappedAvatarPreferencesForm
