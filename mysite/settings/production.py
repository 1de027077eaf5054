"""Production: every secret from the environment, HTTPS enforced, hashed static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env

DEBUG = False

_missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not env(name, default="")]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: "
        + ", ".join(_missing)
        + ". See the configuration table in README.md."
    )
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters in production.")

# Opening a PostgreSQL connection starts a server process and costs milliseconds on
# every request that touches the database: keep connections (health-checked) instead.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The TLS-terminating proxy in front of gunicorn tells us the original scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SESSION_COOKIE_HTTPONLY = True

# Card payments (docs/payments.md): none unless Stripe is set up. The dummy gateway lets
# whoever holds the payment page choose the outcome, so it never runs here.
SHOP_CARD_GATEWAY = env("SHOP_CARD_GATEWAY", default="")
if SHOP_CARD_GATEWAY == "dummy":
    raise ImproperlyConfigured("SHOP_CARD_GATEWAY=dummy is for development; use 'stripe' or leave it empty.")
if SHOP_CARD_GATEWAY == "stripe" and not (
    env("STRIPE_SECRET_KEY", default="") and env("STRIPE_WEBHOOK_SECRET", default="")
):
    raise ImproperlyConfigured("SHOP_CARD_GATEWAY=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.")
