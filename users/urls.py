"""Shopper accounts, mounted at /accounts/ under the "users" namespace.

Django's auth views default to un-namespaced URL names, so every success_url
here is spelled out with its namespace.

Every page here shows a person's own data or a form tied to their session, so each
goes out ``never_cache`` (``Cache-Control: private, no-store, ...``): no proxy or CDN
may keep it, nor the browser once it is left."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.decorators.cache import never_cache

from . import views
from .forms import EmailAuthenticationForm

app_name = "users"

urlpatterns = [
    path("signup/", never_cache(views.SignupView.as_view()), name="signup"),
    path(
        "login/",
        never_cache(
            auth_views.LoginView.as_view(
                authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("logout/", never_cache(views.LogoutView.as_view()), name="logout"),
    path("profile/", never_cache(views.ProfileView.as_view()), name="profile"),
    path(
        "password/change/",
        never_cache(
            auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("users:password_change_done"))
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        never_cache(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        never_cache(
            auth_views.PasswordResetView.as_view(success_url=reverse_lazy("users:password_reset_done"))
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        never_cache(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        never_cache(
            auth_views.PasswordResetConfirmView.as_view(
                success_url=reverse_lazy("users:password_reset_complete")
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        never_cache(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
