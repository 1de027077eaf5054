"""Settings shared by every environment; each value that varies comes from the environment."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "catalogue",
    "search",
    "catalogue.emails",
    "users.apps.UsersConfig",
    "users.apps.CustomUsersAppConfig",
    "wagtail.contrib.forms",
    "home.apps.FrontendCacheConfig",  # wagtail.contrib.frontend_cache, purging after commit
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.documents",
    "wagtail.snippets",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    # Lets the shop's form renderer (TemplatesSetting) find Django's widget templates.
    "django.forms",
]

MIDDLEWARE = [
    "mysite.middleware.RequestDurationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above anything that can answer on its own, so CORS preflights and headers are never skipped.
    "corsheaders.middleware.CorsMiddleware",
    # Below whitenoise, whose static files are compressed already; above the page cache,
    # whose hits mostly come compressed already (decision 48) and otherwise are compressed
    # here. Django adds random padding against BREACH.
    "mysite.middleware.TextGZipMiddleware",
    # (Cached pages for visitors without a session cookie are answered before this stack
    # runs at all: home.serving.front, around the WSGI application in mysite/wsgi.py.)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Above the page cache, so cached pages carry the policy too (they hold no nonces).
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: cached pages for anonymous visitors with a session, before the URL is resolved.
    "home.serving.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "mysite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "catalogue.context_processors.cart_summary",
            ],
        },
    },
]

# Storefront forms render through one form and one field template (templates/includes/).
FORM_RENDERER = "mysite.forms.ShopFormRenderer"

WSGI_APPLICATION = "mysite.wsgi.application"

# --- Data stores -----------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is checked before reuse, so a restarted database costs one retry, not an error.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, with failed lookups that share nothing (see mysite/cache.py).
            "BACKEND": "mysite.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="shop"),
            "TIMEOUT": 300,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Redis is a cache, not a source of truth: when it is down,
                # reads miss and writes are dropped so pages keep serving.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "shop",
        }
    }

# Sessions live in the database with the cache in front, so a Redis outage
# costs speed, never a shopper's cart or login.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Celery ----------------------------------------------------------------

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost/")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 2}
# A shopper must not wait long on a dead broker: give up quickly and fall back
# (see catalogue.tasks.enqueue_order_confirmation).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE = {
    "low-stock-alert": {"task": "catalogue.tasks.send_low_stock_alert", "schedule": 60 * 60 * 24},
    "flush-view-counts": {"task": "catalogue.tasks.flush_view_counts", "schedule": 60},
    "flush-search-hits": {"task": "search.tasks.flush_search_hits", "schedule": 60},
    "publish-scheduled": {"task": "home.tasks.publish_scheduled", "schedule": 60, "options": {"expires": 55}},
    # Sales and promotions start and end on their own clock: cached prices go stale then.
    "price-boundaries": {
        "task": "catalogue.tasks.expire_prices_at_boundaries",
        "schedule": 60,
        "options": {"expires": 55},
    },
    "refresh-seo-audit": {"task": "home.tasks.refresh_seo_audit", "schedule": 60 * 60 * 24},
    "resend-unsent-confirmations": {
        "task": "catalogue.tasks.resend_unsent_confirmations",
        "schedule": 60 * 5,
        "options": {"expires": 60 * 4},
    },
}

# Wagtail's own background work (reference index, search index updates,
# file deletion) goes through django-tasks.  The immediate backend runs it in
# the request, after the page has been saved: one fewer moving part, and an
# editor sees the result at once.  Work of our own that can wait or must
# retry goes through Celery instead.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
}

# --- Auth ------------------------------------------------------------------

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["users.auth_backends.ThrottledModelBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "users.forms.AdminLoginForm"
# Failed sign-ins allowed within the window (users/throttle.py): per account name and
# client address together, and per address over all accounts. Failures on one account
# from everywhere never lock it; past the "under attack" count they shrink each pair's
# allowance instead, so a stranger cannot lock the owner out.
LOGIN_THROTTLE_PER_PAIR = 5
LOGIN_THROTTLE_PER_ADDRESS = 30
LOGIN_THROTTLE_ACCOUNT_UNDER_ATTACK = 20
LOGIN_THROTTLE_PER_PAIR_UNDER_ATTACK = 2
LOGIN_THROTTLE_WINDOW = 15 * 60
# Proxies in front of gunicorn that append the client to X-Forwarded-For. 0: the header
# is client-supplied and never read; the client is REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
LOGIN_URL = "users:login"
LOGIN_REDIRECT_URL = "users:dashboard"
LOGOUT_REDIRECT_URL = "/"
# Profile pictures (users/forms.py), refused before Pillow decodes them: the upload's
# size, and the width and height its header declares (so also at most this squared pixels).
AVATAR_MAX_BYTES = env.int("AVATAR_MAX_BYTES", default=2 * 1024 * 1024)
AVATAR_MAX_DIMENSION = env.int("AVATAR_MAX_DIMENSION", default=4096)

# --- Email -----------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Wagtail Shop <shop@example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- i18n, static and media -------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several web hosts need one shared media store: S3 or any S3-compatible service
# (docs/scale-out.md). Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or the host's role).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_LOCATION = env("AWS_LOCATION", default="media")
    # Catalogue images are public: plain URLs that a CDN can cache, never overwritten in place.
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000"}
    # Documents can sit in private collections: serve them through Django, which checks
    # the collection's restrictions, never by redirecting to a plain bucket URL.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# A CDN or caching proxy in front of the site is purged on publish (home/serving/frontend_purge.py).
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", default=""),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ----------------------------------------------------------------

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Wagtail Shop")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Search (docs/search.md).  "database" follows DATABASE_URL: SQLite FTS5 in
# development, PostgreSQL full-text search in production.  A big catalogue moves to
# OpenSearch or Elasticsearch ("opensearch2", "elasticsearch8", ...) at SEARCH_URLS.
SEARCH_BACKEND = env("SEARCH_BACKEND", default="database")
SEARCH_BACKENDS_SUPPORTED = {
    "database",
    "opensearch2",
    "opensearch3",
    "elasticsearch7",
    "elasticsearch8",
    "elasticsearch9",
}
if SEARCH_BACKEND not in SEARCH_BACKENDS_SUPPORTED:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND must be one of {sorted(SEARCH_BACKENDS_SUPPORTED)}, not {SEARCH_BACKEND!r}."
    )
if SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {
        # Wagtail's database backend, SQLite ranking tweaked: see search/backends/database.py.
        "default": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "english"}
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{SEARCH_BACKEND}",
            "URLS": env.list("SEARCH_URLS", default=["http://localhost:9200"]),
            "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", default="shop_"),
            "TIMEOUT": 5,
        }
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatar requests to gravatar.com from admin pages: they tell a third party who
# works in the admin, and when. Users without an uploaded avatar get Wagtail's default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The search-terms report looks back over chosen periods; keep daily hits for a year.
WAGTAILSEARCH_HITS_MAX_AGE = 400
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# API v2 pages as large as the storefront API's (its query count stays flat up to here).
WAGTAILAPI_LIMIT_MAX = 100

# --- Shop -------------------------------------------------------------------

SHOP_CURRENCY = env("SHOP_CURRENCY", default="EUR")
# Pages per sitemap file: search engines read at most 50,000 URLs from one (home/seo/sitemaps.py).
SHOP_SITEMAP_FILE_PAGES = env.int("SHOP_SITEMAP_FILE_PAGES", default=50_000)
# How money and country names are written (a CLDR locale, e.g. en_IE, en_GB, de_DE):
# en_IE writes euros as "€1,234.50". Keep it consistent with SHOP_CURRENCY.
SHOP_LOCALE = env("SHOP_LOCALE", default="en_IE")
# The country checkout starts on; one of SHOP_COUNTRIES (ISO 3166 codes, named by Babel).
SHOP_COUNTRY = env("SHOP_COUNTRY", default="IE")
SHOP_COUNTRIES = env.list("SHOP_COUNTRIES", default=["IE", "GB", "DE", "FR", "NL"])
# Shipping rates by method code; an order above free_over ships free.
SHOP_SHIPPING_METHODS = {
    "standard": {"label": "Standard delivery (3–5 working days)", "price": "4.95", "free_over": "75.00"},
    "express": {"label": "Express delivery (next working day)", "price": "12.50", "free_over": None},
    "collect": {"label": "Click & collect from our shop", "price": "0.00", "free_over": None},
}
# Tax (catalogue.pricing.tax): each product names a tax class, each class has a rate in
# percent. With SHOP_PRICES_INCLUDE_TAX (VAT, the default) catalogue prices are entered
# and shown with tax in, and orders list the tax they contain; without it (US sales tax)
# prices are net and checkout adds the tax on top.
SHOP_PRICES_INCLUDE_TAX = env.bool("SHOP_PRICES_INCLUDE_TAX", default=True)
SHOP_TAX_CLASSES = {
    "standard": {"label": "Standard rate VAT", "rate": env("SHOP_TAX_STANDARD_RATE", default="23")},
    "reduced": {"label": "Reduced rate VAT", "rate": env("SHOP_TAX_REDUCED_RATE", default="13.5")},
    "zero": {"label": "Zero rate", "rate": "0"},
}
# The tax class the shipping charge is taxed in (one of SHOP_TAX_CLASSES), in the same
# mode as prices: included with SHOP_PRICES_INCLUDE_TAX, added on top without it. EU VAT
# charges delivery at the standard rate; empty leaves shipping untaxed.
SHOP_SHIPPING_TAX_CLASS = env("SHOP_SHIPPING_TAX_CLASS", default="standard")
# The seller printed on invoices (the name is SEO settings' organisation name). Demo values:
# set the real registered address (comma-separated lines) and VAT number in production.
SHOP_SELLER_ADDRESS = env.list(
    "SHOP_SELLER_ADDRESS", default=["1 Example Quay", "Dublin D01 X2Y3", "Ireland"]
)
SHOP_SELLER_VAT_NUMBER = env("SHOP_SELLER_VAT_NUMBER", default="IE1234567WA")
SHOP_PAYMENT_PROVIDERS = [
    "catalogue.payments.InvoiceProvider",
    "catalogue.payments.BankTransferProvider",
    "catalogue.payments.CashOnDeliveryProvider",
]
# Card payments through django-payments (docs/payments.md): "stripe" in production,
# "dummy" (the library's test gateway, with signed callbacks) in development and tests,
# empty for none. The card method (catalogue.payments.CardProvider) is offered only
# when a gateway is set.
# Production defaults to none and refuses "dummy" (mysite/settings/production.py).
SHOP_CARD_GATEWAY = env("SHOP_CARD_GATEWAY", default="dummy")
if SHOP_CARD_GATEWAY not in {"", "dummy", "stripe"}:
    raise ImproperlyConfigured(
        f"SHOP_CARD_GATEWAY must be empty, 'dummy' or 'stripe', not {SHOP_CARD_GATEWAY!r}."
    )
PAYMENT_MODEL = "catalogue.Payment"
# The gateway sends the shopper back to, and posts its webhooks to, the public URL.
PAYMENT_HOST = urlsplit(WAGTAILADMIN_BASE_URL).netloc
PAYMENT_USES_SSL = urlsplit(WAGTAILADMIN_BASE_URL).scheme == "https"
PAYMENT_VARIANTS = {
    "dummy": ("catalogue.payment_gateways.SignedDummyProvider", {}),
    "stripe": (
        "catalogue.payment_gateways.StripeProvider",
        {
            "api_key": env("STRIPE_SECRET_KEY", default=""),
            "endpoint_secret": env("STRIPE_WEBHOOK_SECRET", default=""),
        },
    ),
}
SHOP_MAX_LINE_QUANTITY = env.int("SHOP_MAX_LINE_QUANTITY", default=20)
SHOP_LOW_STOCK_THRESHOLD = env.int("SHOP_LOW_STOCK_THRESHOLD", default=5)
SHOP_STAFF_EMAIL = env("SHOP_STAFF_EMAIL", default="orders@example.com")
# An order's confirmation still unsent after this long is sent by the beat sweep
# (catalogue.services.order_confirmations); until then it is the worker's to send.
SHOP_CONFIRMATION_SWEEP_AFTER = timedelta(minutes=5)
# Editorial workflow (home.seo.workflows, home.seo.review_checks; README "Workflow").
# A live page whose change touches only the SEO and Promote fields skips "Moderator
# approval" and goes live through the SEO check alone.
SHOP_SEO_ONLY_FAST_PATH = env.bool("SHOP_SEO_ONLY_FAST_PATH", default=True)
# What the workflow does about a page (a story, the home page) that features a withdrawn
# or sold-out product, or an image without alt text: "block" its approval at the SEO
# check, "warn" the reviewer only, or "off".
SHOP_REVIEW_CHECKS = {
    "withdrawn_product": env("SHOP_REVIEW_WITHDRAWN_PRODUCT", default="block"),
    "sold_out_product": env("SHOP_REVIEW_SOLD_OUT_PRODUCT", default="warn"),
    "image_without_alt_text": env("SHOP_REVIEW_IMAGE_WITHOUT_ALT_TEXT", default="warn"),
}
SLOW_REQUEST_SECONDS = env.float("SLOW_REQUEST_SECONDS", default=1.0)
# The one lifetime of everything cached from content (home.serving.cache_policy): pages, cards, menus,
# sitemap, SEO counts, feed, API. Changes invalidate by dependency at once; this only bounds
# how long a change lost during a cache outage can linger.
SHOP_CACHE_SECONDS = env.int("SHOP_CACHE_SECONDS", default=600)
# Whole-page caching for anonymous visitors: its own switch (0 = off), the shared lifetime by default.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=SHOP_CACHE_SECONDS)
# Each worker keeps the hot cached pages it served in memory, dropped when Redis pushes a change
# (home.serving.hot_pages); this bounds that memory per worker. 0 = every hit reads Redis.
PAGE_CACHE_MEMORY_MB = env.int("PAGE_CACHE_MEMORY_MB", default=16)
# The SEO audit flags product copy (short description and body) shorter than this many words.
SEO_THIN_COPY_WORDS = 50

# --- Security defaults (production tightens them) ----------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): the shop's pages load only their own scripts,
# styles and media, with no inline script or style, so nothing here needs a nonce and a
# cached page stays valid for every visitor. JSON-LD blocks are data, never run, so the
# policy leaves them alone. Media on S3 comes from the bucket's (or the CDN's) origin.
# The Wagtail admin (and page previews, served under it) is left out: Wagtail's own
# admin relies on inline scripts and styles, and only trusted staff reach it.
_MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    if AWS_S3_CUSTOM_DOMAIN:
        _MEDIA_ORIGINS.append(f"https://{AWS_S3_CUSTOM_DOMAIN}")
    elif AWS_S3_ENDPOINT_URL:
        _MEDIA_ORIGINS.append(AWS_S3_ENDPOINT_URL.rstrip("/"))
    else:
        _MEDIA_ORIGINS.append(f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_ORIGINS],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Storefront REST API (catalogue/rest, users/rest.py; docs/api.md) ---------------

# Browsers on these origins may call /api/ across origins (django-cors-headers), e.g.
# a headless front end on its own domain. Empty: same-origin only.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
# Session cookies cross origins only for the listed origins; apps use tokens instead.
CORS_ALLOW_CREDENTIALS = True
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "if-none-match",
    "x-cart-token",
    "x-csrftoken",
)
CORS_EXPOSE_HEADERS = ("etag", "x-cart-token", "retry-after")

# Requests per client for the throttled writes (catalogue/rest/throttles.py): each scope
# is counted per signed-in user (or per address for guests) and per address.
# API_THROTTLE_RATES overrides single scopes, e.g. "cart_write=600/min,checkout=60/min".
API_THROTTLE_RATES = {
    "login": "20/min",
    "signup": "10/hour",
    "cart_write": "120/min",
    "checkout": "10/min",
    # Back-in-stock sign-ups (the product page's form and the API): a person asks a few times at most.
    "stock_alert": "10/hour",
    **env.dict("API_THROTTLE_RATES", default={}),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Apps: "Authorization: Token <key>" from /api/v1/auth/login/. First, so an app that
        # also keeps the session cookie is never asked for a CSRF token, and so a missing
        # sign-in answers 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        # Browsers: the session cookie, with CSRF enforced on writes by DRF.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # JSON only: a cross-site HTML form cannot send it without a CORS preflight.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "catalogue.rest.errors.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": API_THROTTLE_RATES,
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wagtail Shop storefront API",
    "DESCRIPTION": "Catalogue, cart, checkout and account for headless and mobile clients. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's assets come from the installed sidecar package, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["catalogue.rest.schema.storefront_endpoints_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "catalogue.rest.schema.closed_request_bodies",
    ],
}
# Anonymous catalogue GETs carry an ETag from the API's content version (decision 7): the
# site-wide generation and the "api" namespace that catalogue changes move on.
SHOP_API_CONTENT_VERSION = "home.serving.content_cache.api_content_version"

# What the page-serving foundation (home) calls in the shop without importing it.
SHOP_SERVING_HOOKS = {
    "record_view": "catalogue.services.view_counts.view_record",
    "record_search": "search.hit_counts.search_hit_count",
    "cart_item_count": "catalogue.services.cart.session_item_count",
    "preload_home_blocks": "catalogue.merchandising.preload_merchandising",
}
# How the catalogue's bulk loads (the demo loader) write the search index, without importing search.
SHOP_SEARCH_INDEXER = "search.indexing.index_objects"

# The front page's blocks, in the order editors see them (home.blocks): home's own and
# the shop's. The list is HomePage.body's definition: changing it needs a migration.
SHOP_HOME_PAGE_BLOCKS = [
    ("hero", "home.blocks.HeroBlock"),
    ("paragraph", "home.blocks.paragraph_block"),
    ("image", "catalogue.blocks.ImageBlock"),
    ("featured_products", "catalogue.blocks.FeaturedProductsBlock"),
    ("category_tiles", "catalogue.blocks.CategoryTilesBlock"),
    ("latest_stories", "catalogue.blocks.LatestStoriesBlock"),
    ("featured_pages", "home.blocks.FeaturedPagesBlock"),
    ("product", "catalogue.blocks.ProductBlock"),
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"once_a_minute": {"()": "mysite.log_filters.OncePerInterval", "seconds": 60}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        # One INFO line per Wagtail background task drowns everything else.
        "django_tasks": {"level": "WARNING"},
        # Eager tasks in development would log every success; workers configure their own.
        "celery.app.trace": {"level": "WARNING"},
        # With Redis down every cache call fails; one traceback a minute says so.
        "django_redis.cache": {"filters": ["once_a_minute"]},
    },
}
