from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from users import throttle


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing while this account is locked out from this address (users.throttle).

    Both the shop's login and the Wagtail admin's authenticate through here, so one
    rule covers both doors.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if throttle.is_locked_out(request, username or ""):
            # PermissionDenied stops Django from trying any other backend.
            raise PermissionDenied(throttle.locked_out_message())
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record_failure(request, username or "")
        else:
            throttle.clear_failures(request, username or "")
        return user
