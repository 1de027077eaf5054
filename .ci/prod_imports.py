"""Import everything production loads, from a venv built from requirements.txt alone.

Run by `.ci/smoke` with the production venv's interpreter. A runtime dependency that only
the dev requirements bring in (kombu's Redis transport needs `packaging`, say) makes this
exit non-zero, naming every import that failed, instead of surfacing in production as a 500.
Standard library only besides the project's own requirements.
"""

import importlib
import os
import pkgutil
import secrets
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The project's own packages: every module in them is imported (tests aside), so a
# third-party import in a management command or a rarely used service is checked too.
PROJECT_PACKAGES = ["mysite", "home", "catalogue", "search", "users", "emails"]
SKIPPED_MODULES = {
    # Development and test settings read other variables.
    "mysite.settings.dev",
    "mysite.settings.test",
    # Loaded only on SQLite; on PostgreSQL its models do not exist.
    "search.backends.sqlite",
}
# Backends production may switch on through the environment, imported whatever is set now.
OPTIONAL_BACKENDS = [
    "storages.backends.s3.S3Storage",  # AWS_STORAGE_BUCKET_NAME
    "wagtail.contrib.frontend_cache.backends.HTTPBackend",  # FRONTEND_CACHE_PURGE_URL
    "wagtail.contrib.frontend_cache.backends.CloudflareBackend",  # CLOUDFLARE_ZONE_ID
    "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",  # CLOUDFRONT_DISTRIBUTION_ID
    "django.core.mail.backends.smtp.EmailBackend",  # EMAIL_URL=smtp+tls://...
    "django.core.mail.backends.filebased.EmailBackend",  # EMAIL_URL=filemail://...
]


def production_environment() -> None:
    """Production settings as the README configures them; variables already set win."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings.production"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(60))
    os.environ.setdefault("ALLOWED_HOSTS", "shop.example.com")
    # Settings pick the PostgreSQL app and the Redis cache from these; nothing connects.
    os.environ.setdefault("DATABASE_URL", "postgres://shop@127.0.0.1:5432/wagtailshop")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")


def dotted_paths(settings) -> list[str]:
    """Every class or module named by a setting that production reads."""
    paths = list(settings.MIDDLEWARE)
    paths += [cache["BACKEND"] for cache in settings.CACHES.values()]
    paths += [cache["OPTIONS"]["CLIENT_CLASS"] for cache in settings.CACHES.values() if "OPTIONS" in cache]
    paths += [storage["BACKEND"] for storage in settings.STORAGES.values()]
    paths += [
        settings.SESSION_ENGINE,
        settings.EMAIL_BACKEND,
        settings.ROOT_URLCONF,
        settings.WSGI_APPLICATION,
    ]
    paths += settings.AUTHENTICATION_BACKENDS + settings.PASSWORD_HASHERS
    paths += [validator["NAME"] for validator in settings.AUTH_PASSWORD_VALIDATORS]
    for template in settings.TEMPLATES:
        paths += [template["BACKEND"], *template["OPTIONS"].get("context_processors", [])]
    paths += [task["BACKEND"] for task in settings.TASKS.values()]
    paths += [backend["BACKEND"] for backend in settings.WAGTAILSEARCH_BACKENDS.values()]
    paths += [backend["BACKEND"] for backend in settings.WAGTAILFRONTENDCACHE.values()]
    paths += settings.SHOP_PAYMENT_PROVIDERS + [settings.WAGTAILADMIN_USER_LOGIN_FORM]
    return paths + OPTIONAL_BACKENDS


def import_dotted(path: str) -> None:
    """Import a module, or a module and one attribute of it (a class, a function)."""
    try:
        importlib.import_module(path)
    except ModuleNotFoundError as error:
        if error.name != path:  # the module exists and imports something that is missing
            raise
        module_path, _, attribute = path.rpartition(".")
        getattr(importlib.import_module(module_path), attribute)


def project_modules() -> list[str]:
    names = []
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package_name}."):
            # Tests and their factories (factory-boy) are dev tools.
            if (
                ".tests" in module.name
                or module.name.endswith(".factories")
                or module.name in SKIPPED_MODULES
            ):
                continue
            names.append(module.name)
    return names


def celery_checks() -> list[str]:
    """The broker transport the settings name, and every task the beat schedule runs."""
    from django.conf import settings
    from kombu.transport import resolve_transport

    from mysite.celery import app

    transport = resolve_transport(settings.CELERY_BROKER_URL.split("://", 1)[0])
    import_dotted(f"{transport.__module__}.{transport.__name__}")
    app.loader.import_default_modules()
    missing = [
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] not in app.tasks
    ]
    if missing:
        raise LookupError(f"beat schedules tasks no worker would know: {', '.join(missing)}")
    return ["kombu.transport.redis", "mysite.celery (tasks)"]


def main() -> int:
    production_environment()
    failures: dict[str, str] = {}
    checked = 0

    def attempt(name: str, action) -> None:
        nonlocal checked
        checked += 1
        try:
            action()
        except Exception:  # noqa: BLE001 - every failure is collected and reported
            failures[name] = traceback.format_exc(limit=-3)

    attempt("django.setup() (every INSTALLED_APPS entry)", lambda: __import__("django").setup())
    if failures:
        print(next(iter(failures.values())), file=sys.stderr)
        print("prod imports: Django does not even start; nothing else checked", file=sys.stderr)
        return 1
    from django.conf import settings

    attempt("kombu.transport.redis", lambda: importlib.import_module("kombu.transport.redis"))
    for path in dict.fromkeys(dotted_paths(settings)):
        attempt(path, lambda path=path: import_dotted(path))
    attempt("mysite.celery", celery_checks)
    for name in project_modules():
        attempt(name, lambda name=name: importlib.import_module(name))

    for name, error in failures.items():
        print(f"FAILED {name}\n{error}", file=sys.stderr)
    print(f"prod imports: {checked - len(failures)} imported, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
