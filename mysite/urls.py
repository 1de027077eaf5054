from django.conf import settings
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue.api import api_router
from catalogue.rest import urls as catalogue_rest_urls
from home.seo import views as home_views
from home.serving import routing as page_routing
from mysite.health import healthz
from mysite.media import media_urlpatterns
from search import rest as search_rest
from search import views as search_views
from users import rest as users_rest

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("sitemap-<int:number>.xml", home_views.sitemap_file, name="sitemap_file"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("", include("catalogue.urls")),
    path("accounts/", include("users.urls")),
    path("api/v2/", api_router.urls),
    # The storefront REST API (docs/api.md); v2 above is Wagtail's read-only page API.
    path(
        "api/v1/",
        include(
            ([*catalogue_rest_urls.urlpatterns, *search_rest.urlpatterns, *users_rest.urlpatterns], "api"),
            namespace="api",
        ),
    ),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api_schema", template_name="api/swagger_ui.html"),
        name="api_docs",
    ),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Media on the local disk (one host, no S3 bucket) is served by mysite/media.py, in
# development and production alike; on S3 its URLs point at the bucket instead.
urlpatterns += media_urlpatterns()

urlpatterns += [
    # Wagtail's page serving catches everything else, so it goes last; our
    # serve view finds the page in two queries, then hands over to Wagtail.
    # Wagtail's own _util/ views (the password form of a restricted page, the
    # login for private pages) come first, or the catch-all would swallow them.
    *[pattern for pattern in wagtail_urls.urlpatterns if str(pattern.pattern).startswith("_util/")],
    re_path(r"^((?:[\w\-]+/)*)$", page_routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
