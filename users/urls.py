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
from .forms import EmailAuthenticationForm, ShopPasswordResetForm

app_name = "users"


def private_path(route, view, name):
    return path(route, never_cache(view), name=name)


urlpatterns = [
    private_path("", views.DashboardView.as_view(), name="dashboard"),
    private_path("signup/", views.SignupView.as_view(), name="signup"),
    private_path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=EmailAuthenticationForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    private_path("logout/", views.LogoutView.as_view(), name="logout"),
    private_path("profile/", views.ProfileView.as_view(), name="profile"),
    private_path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("users:password_change_done")),
        name="password_change",
    ),
    private_path(
        "password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    private_path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=ShopPasswordResetForm, success_url=reverse_lazy("users:password_reset_done")
        ),
        name="password_reset",
    ),
    private_path(
        "password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    private_path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("users:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    private_path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
