"""Test run: fast hashing, in-memory email, eager tasks.  DATABASE_URL and REDIS_URL still apply."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
# The gunicorn servers that tests/servers/ starts: a real broker instead of eager tasks,
# mail written to files the test reads, and the test's own media folder.
if os.environ.get("TEST_CELERY_TASK_ALWAYS_EAGER", "").lower() == "false":
    CELERY_TASK_ALWAYS_EAGER = False
if os.environ.get("TEST_EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_FILE_PATH"]
if os.environ.get("TEST_MEDIA_ROOT"):
    MEDIA_ROOT = Path(os.environ["TEST_MEDIA_ROOT"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Card payments run through django-payments' dummy gateway, back to the test client's host.
SHOP_CARD_GATEWAY = "dummy"
PAYMENT_HOST = "testserver"
PAYMENT_USES_SSL = False
# Keep test keys apart from a developer's running site on the same Redis.
CACHES["default"]["KEY_PREFIX"] = "shop-test"  # noqa: F405

# Parallel test workers (pytest-xdist) each get a Redis database of their own:
# tests flush the cache, and must not flush a neighbour's.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _xdist_worker.startswith("gw"):  # noqa: F405
    _base_url, _, _db = CACHES["default"]["LOCATION"].rpartition("/")  # noqa: F405
    _db_number = (int(_db) if _db.isdigit() else 0) - int(_xdist_worker[2:])
    CACHES["default"]["LOCATION"] = f"{_base_url}/{_db_number % 16}"  # noqa: F405
# Tests never run collectstatic; don't look for STATIC_ROOT at start-up.
WHITENOISE_AUTOREFRESH = True
# Tests see fresh renders; the page-cache tests switch it on themselves, and the
# gunicorn servers that tests start (tests/servers/) through this variable.
PAGE_CACHE_SECONDS = int(os.environ.get("TEST_PAGE_CACHE_SECONDS", "0"))
