"""Read-only Wagtail API v2: pages (products, categories, stories) and images."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class ReadOnlyPagesAPIViewSet(PagesAPIViewSet):
    http_method_names = ["get", "head", "options"]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ReadOnlyPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
