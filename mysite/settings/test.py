"""Test run: fast hashing, in-memory email, eager tasks.  DATABASE_URL and REDIS_URL still apply."""

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Keep test keys apart from a developer's running site on the same Redis.
CACHES["default"]["KEY_PREFIX"] = "shop-test"  # noqa: F405
# Tests never run collectstatic; don't look for STATIC_ROOT at start-up.
WHITENOISE_AUTOREFRESH = True
# Tests see fresh renders; the page-cache tests switch it on themselves.
PAGE_CACHE_SECONDS = 0
