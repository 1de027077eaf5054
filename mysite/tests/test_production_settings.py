"""Production settings refuse to start half-configured, and pass Django's deployment checks.

Each test runs a fresh interpreter: settings are read once per process, and the test
process itself runs on mysite.settings.test.
"""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

GOOD_SECRET_KEY = secrets.token_urlsafe(60)


def run_with_production_settings(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``python *args`` with production settings and only the given environment."""
    clean_env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "mysite.settings.production",
        **env,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def setup_django(**env: str) -> subprocess.CompletedProcess:
    return run_with_production_settings("-c", "import django; django.setup()", **env)


# Blank rather than absent: a developer's .env file only fills in variables that are
# not set at all, so blank keeps it out of the test (and production treats blank as missing).
@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SECRET_KEY": "", "ALLOWED_HOSTS": "shop.example.com"}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_SECRET_KEY, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
    ],
    ids=["secret-key", "allowed-hosts"],
)
def test_production_refuses_to_start_without_a_required_variable(env, named):
    result = setup_django(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: Production settings need these environment variables" in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert named in message
    assert "README.md" in message


def test_production_names_both_variables_when_both_are_missing():
    result = setup_django(SECRET_KEY="", ALLOWED_HOSTS="")

    assert result.returncode != 0
    assert "need these environment variables: SECRET_KEY, ALLOWED_HOSTS." in result.stderr


def test_production_refuses_a_short_secret_key():
    result = setup_django(SECRET_KEY="too-short", ALLOWED_HOSTS="shop.example.com")

    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters in production." in result.stderr


def test_production_passes_check_deploy_with_no_warnings():
    result = run_with_production_settings(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_SECRET_KEY,
        ALLOWED_HOSTS="shop.example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_media_moves_to_s3_compatible_storage_when_a_bucket_is_named():
    script = (
        "import django; django.setup();"
        "from django.core.files.storage import default_storage;"
        "print(type(default_storage._wrapped if hasattr(default_storage, '_wrapped') else default_storage).__name__);"
        "print(default_storage.url('original_images/knife.jpg'))"
    )
    result = run_with_production_settings(
        "-c",
        script,
        SECRET_KEY=GOOD_SECRET_KEY,
        ALLOWED_HOSTS="shop.example.com",
        AWS_STORAGE_BUCKET_NAME="shop-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.com",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
    )
    assert result.returncode == 0, result.stderr
    backend, url = result.stdout.split()
    assert backend == "S3Storage"
    # Public catalogue images: a plain CDN-cacheable URL, no expiring signature.
    assert url == "https://media.example.com/media/original_images/knife.jpg"


def test_media_stays_on_local_disk_without_a_bucket():
    script = "import django; django.setup(); from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    result = run_with_production_settings(
        "-c", script, SECRET_KEY=GOOD_SECRET_KEY, ALLOWED_HOSTS="shop.example.com", AWS_STORAGE_BUCKET_NAME=""
    )
    assert result.stdout.strip() == "django.core.files.storage.FileSystemStorage", result.stderr


def test_cdn_purge_backends_follow_the_environment():
    script = (
        "import django, json; django.setup(); from django.conf import settings;"
        "print(json.dumps({name: conf['BACKEND'].rsplit('.', 1)[1] for name, conf in settings.WAGTAILFRONTENDCACHE.items()}))"
    )
    result = run_with_production_settings(
        "-c",
        script,
        SECRET_KEY=GOOD_SECRET_KEY,
        ALLOWED_HOSTS="shop.example.com",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_BEARER_TOKEN="token",
        CLOUDFRONT_DISTRIBUTION_ID="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '{"proxy": "HTTPBackend", "cloudflare": "CloudflareBackend"}'


PRODUCTION_BASICS = {"SECRET_KEY": GOOD_SECRET_KEY, "ALLOWED_HOSTS": "shop.example.com"}


@pytest.mark.parametrize(
    ("gateway_env", "named"),
    [
        ({"SHOP_CARD_GATEWAY": "dummy"}, "SHOP_CARD_GATEWAY=dummy"),
        (
            {"SHOP_CARD_GATEWAY": "stripe", "STRIPE_SECRET_KEY": "", "STRIPE_WEBHOOK_SECRET": "whsec_x"},
            "STRIPE_",
        ),
        (
            {"SHOP_CARD_GATEWAY": "stripe", "STRIPE_SECRET_KEY": "sk_x", "STRIPE_WEBHOOK_SECRET": ""},
            "STRIPE_",
        ),
        ({"SHOP_CARD_GATEWAY": "paypal"}, "SHOP_CARD_GATEWAY must be"),
    ],
    ids=["dummy", "stripe-without-key", "stripe-without-webhook-secret", "unknown"],
)
def test_production_refuses_a_card_gateway_it_cannot_trust(gateway_env, named):
    result = setup_django(**PRODUCTION_BASICS, **gateway_env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr


def test_production_offers_no_card_by_default_and_stripe_once_configured():
    code = "import django; django.setup(); from catalogue.payments import payment_providers; print(sorted(payment_providers()))"
    plain = run_with_production_settings("-c", code, **PRODUCTION_BASICS, SHOP_CARD_GATEWAY="")
    assert plain.returncode == 0, plain.stderr
    assert "card" not in plain.stdout
    stripe = run_with_production_settings(
        "-c",
        code,
        **PRODUCTION_BASICS,
        SHOP_CARD_GATEWAY="stripe",
        STRIPE_SECRET_KEY="sk_x",
        STRIPE_WEBHOOK_SECRET="wh",
    )
    assert stripe.returncode == 0, stripe.stderr
    assert "'card'" in stripe.stdout
