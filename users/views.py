"""Shopper account pages.  Django's auth views do the sign-in and password work;
these views cover what Django has no view for: sign-up and the profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, UpdateView

from .forms import ProfileForm, SignupForm
from .services import EmailTakenError, user_sign_up


class SignupView(auth_views.RedirectURLMixin, FormView):
    form_class = SignupForm
    template_name = "users/signup.html"
    next_page = settings.LOGIN_REDIRECT_URL

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = user_sign_up(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except EmailTakenError:
            form.add_email_taken_error()
            return self.form_invalid(form)
        login(self.request, user)
        messages.success(self.request, _("Welcome, %(name)s. Your account is ready.") % {"name": user})
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["redirect_field_name"] = self.redirect_field_name
        context["next"] = self.get_redirect_url()
        return context


class DashboardView(LoginRequiredMixin, TemplateView):
    """The account's front page: recent orders and the way to everything else."""

    template_name = "users/dashboard.html"
    recent_order_count = 3

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Through the user's own reverse relation: the account app needs no catalogue import.
        orders = self.request.user.orders.prefetch_related("lines")
        context["recent_orders"] = orders[: self.recent_order_count]
        return context


class ProfileView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = ProfileForm
    template_name = "users/profile.html"
    success_url = reverse_lazy("users:profile")
    success_message = _("Your profile has been saved.")

    def get_object(self, queryset=None):
        return self.request.user


class LogoutView(auth_views.LogoutView):
    """Django's POST-only logout, telling the shopper it worked."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have been signed out."))
        return response
