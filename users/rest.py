"""Account endpoints of the storefront API: sign up, sign in and out, and the profile.

They reuse the shop's own forms and services: SignupForm and user_sign_up, the
email sign-in form with its lockout (users.throttle), ProfileForm. Signing in (or up)
through the API logs the session in like the HTML login, so the session's guest cart
merges through the same signal, and a guest cart named by X-Cart-Token merges through
the same cart_merge service. The answer carries a DRF token for apps.
"""

from django.contrib.auth import login, logout
from django.middleware.csrf import get_token
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.rest import examples
from catalogue.rest.carts import CART_TOKEN_PARAMETER, merge_token_cart
from catalogue.rest.errors import ErrorSerializer
from catalogue.rest.serializers import StrictCharField, StrictInputSerializer, form_errors
from catalogue.rest.throttles import throttles_for
from users.forms import EmailAuthenticationForm, ProfileForm, SignupForm
from users.services import EmailTakenError, user_sign_up

PROFILE_FIELDS = ("first_name", "last_name", "phone", "bio")
PROFILE_EXAMPLE = {
    "email": "ann@example.com",
    "first_name": "Ann",
    "last_name": "Baker",
    "phone": "",
    "bio": "",
}


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"


class EmailTaken(exceptions.APIException):
    """An account with this address exists: a conflict with existing state, not malformed input."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "email_taken"
    default_detail = SignupForm.email_taken_message


class ProfileSerializer(StrictInputSerializer):
    email = serializers.EmailField(read_only=True)
    first_name = StrictCharField(max_length=150, required=False, allow_blank=True)
    last_name = StrictCharField(max_length=150, required=False, allow_blank=True)
    phone = StrictCharField(max_length=32, required=False, allow_blank=True)
    bio = StrictCharField(max_length=500, required=False, allow_blank=True)


class SessionSerializer(serializers.Serializer):
    token = serializers.CharField(help_text='For apps: send as "Authorization: Token <token>".')
    user = ProfileSerializer()


class LoginSerializer(StrictInputSerializer):
    email = StrictCharField(max_length=254)
    password = StrictCharField(max_length=4096, trim_whitespace=False)


class SignupSerializer(StrictInputSerializer):
    email = StrictCharField(max_length=254)
    password = StrictCharField(max_length=4096, trim_whitespace=False)
    first_name = StrictCharField(max_length=150)
    last_name = StrictCharField(max_length=150)


def signed_in(request, user, status_code: int) -> Response:
    """Log the session in (the shop's login signal merges its guest cart), merge the token cart, answer a token."""
    merge_token_cart(request, user)
    login(request._request, user, backend="users.auth_backends.ThrottledModelBackend")
    get_token(request._request)  # a fresh CSRF cookie for browser clients
    token, _created = Token.objects.get_or_create(user=user)
    body = {"token": token.key, "user": ProfileSerializer(user).data}
    response = Response(body, status=status_code)
    response["Cache-Control"] = "private, no-store"
    return response


SESSION_EXAMPLE = {"token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b", "user": PROFILE_EXAMPLE}


class LoginView(APIView):
    throttle_classes = throttles_for("login")

    @extend_schema(
        operation_id="auth_login",
        summary="Sign in",
        description="Signs the session in and answers a token. Failed attempts count under the shop's "
        "sign-in throttle (per account and address, never locking the owner out from elsewhere); "
        "while locked out the answer is 429 with code locked_out. A guest cart named by "
        "X-Cart-Token merges into the account's cart.",
        request=LoginSerializer,
        parameters=[CART_TOKEN_PARAMETER],
        responses={200: SessionSerializer, 400: ErrorSerializer, 401: ErrorSerializer, 429: ErrorSerializer},
        examples=[
            examples.request(
                "Credentials", {"email": "ann@example.com", "password": "correct horse battery"}
            ),
            examples.response("Signed in", SESSION_EXAMPLE),
            examples.response(
                "Wrong password",
                examples.error(
                    401,
                    "authentication_failed",
                    "Please enter a correct email address and password. Note that both fields may be case-sensitive.",
                ),
                401,
            ),
            examples.response(
                "Locked out",
                examples.error(
                    429,
                    "locked_out",
                    "Too many failed sign-in attempts. Please wait 15 minutes and try again.",
                ),
                429,
            ),
        ],
        tags=["account"],
    )
    def post(self, request):
        credentials = LoginSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        form = EmailAuthenticationForm(
            request._request,
            data={
                "username": credentials.validated_data["email"],
                "password": credentials.validated_data["password"],
            },
        )
        if not form.is_valid():
            if form.has_error("__all__", code="locked_out"):
                raise LockedOut(form.non_field_errors()[0])
            if form.has_error("__all__"):
                # Wrong email or password (or an inactive account): the login form's own words.
                raise exceptions.AuthenticationFailed(form.non_field_errors()[0])
            raise serializers.ValidationError(form_errors(form))
        return signed_in(request, form.get_user(), status.HTTP_200_OK)


class SignupView(APIView):
    throttle_classes = throttles_for("signup")

    @extend_schema(
        operation_id="auth_signup",
        summary="Create an account and sign in",
        description="The shop's sign-up rules: a new email address, a name, and a password that "
        "passes the password validators.",
        request=SignupSerializer,
        parameters=[CART_TOKEN_PARAMETER],
        responses={201: SessionSerializer, 400: ErrorSerializer, 409: ErrorSerializer, 429: ErrorSerializer},
        examples=[
            examples.request(
                "New shopper",
                {
                    "email": "ann@example.com",
                    "password": "correct horse battery",
                    "first_name": "Ann",
                    "last_name": "Baker",
                },
            ),
            examples.response("Signed up", SESSION_EXAMPLE, 201),
            examples.response(
                "Taken",
                examples.error(409, "email_taken", "A user with that email address already exists."),
                409,
            ),
            examples.THROTTLED,
        ],
        tags=["account"],
    )
    def post(self, request):
        fields = SignupSerializer(data=request.data)
        fields.is_valid(raise_exception=True)
        data = fields.validated_data
        form = SignupForm(
            data={
                "email": data["email"],
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "password1": data["password"],
                "password2": data["password"],
            }
        )
        if not form.is_valid():
            if set(form.errors) == {"email"} and form.has_error("email", code="unique"):
                raise EmailTaken()
            raise serializers.ValidationError(_renamed_password_errors(form_errors(form)))
        try:
            user = user_sign_up(
                email=form.cleaned_data["email"],
                password=data["password"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except EmailTakenError as error:
            raise EmailTaken() from error
        return signed_in(request, user, status.HTTP_201_CREATED)


def _renamed_password_errors(errors: dict) -> dict:
    """The form asks for the password twice; the API once."""
    renamed = {}
    for name, messages in errors.items():
        key = "password" if name in ("password1", "password2") else name
        renamed.setdefault(key, []).extend(
            message for message in messages if message not in renamed.get(key, [])
        )
    return renamed


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="auth_logout",
        summary="Sign out",
        description="Ends the session and revokes the token used (apps sign in again for a new one).",
        request=None,
        responses={204: None, 401: ErrorSerializer, 403: ErrorSerializer},
        examples=[examples.NOT_SIGNED_IN],
        tags=["account"],
    )
    def post(self, request):
        if isinstance(request.auth, Token):
            request.auth.delete()
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="account_profile_retrieve",
        summary="My profile",
        responses={200: ProfileSerializer, 401: ErrorSerializer},
        examples=[examples.response("Profile", PROFILE_EXAMPLE), examples.NOT_SIGNED_IN],
        tags=["account"],
    )
    def get(self, request):
        return _private(Response(ProfileSerializer(request.user).data))

    @extend_schema(
        operation_id="account_profile_update",
        summary="Change my profile",
        description="The profile form's rules; send only the fields to change. The avatar is "
        "changed on the site's profile page.",
        request=ProfileSerializer,
        responses={200: ProfileSerializer, 400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer},
        examples=[
            examples.request("New phone", {"phone": "+44 117 496 0000"}),
            examples.response("Profile", PROFILE_EXAMPLE),
        ],
        tags=["account"],
    )
    def patch(self, request):
        changes = ProfileSerializer(data=request.data, partial=True)
        changes.is_valid(raise_exception=True)
        user = request.user
        current = {name: getattr(user, name) for name in PROFILE_FIELDS}
        form = ProfileForm(data={**current, **changes.validated_data}, files={}, instance=user)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        form.save()
        return _private(Response(ProfileSerializer(user).data))


def _private(response: Response) -> Response:
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("auth/signup/", SignupView.as_view(), name="signup"),
    path("auth/login/", LoginView.as_view(), name="login"),
    path("auth/logout/", LogoutView.as_view(), name="logout"),
    path("account/profile/", ProfileView.as_view(), name="profile"),
]
