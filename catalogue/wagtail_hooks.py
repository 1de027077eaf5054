"""Catalogue admin: brands and review moderation as snippets."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from catalogue.models import Brand, Review


class BrandViewSet(SnippetViewSet):
    model = Brand
    icon = "tag"
    menu_label = "Brands"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]


class ReviewFilterSet(WagtailFilterSet):
    class Meta:
        model = Review
        fields = ["status", "rating"]


class ReviewViewSet(SnippetViewSet):
    model = Review
    icon = "comment"
    menu_label = "Reviews"
    menu_order = 220
    add_to_admin_menu = True
    filterset_class = ReviewFilterSet
    list_display = [
        "product",
        Column("rating", label="Rating", accessor="rating"),
        "user",
        "status",
        "created_at",
    ]
    list_export = ["product", "user", "rating", "title", "body", "status", "created_at"]
    ordering = ["status", "-created_at"]
    search_fields = ["body", "title"]
    panels = [
        FieldPanel("status"),
        FieldPanel("product", read_only=True),
        FieldPanel("user", read_only=True),
        FieldPanel("rating", read_only=True),
        FieldPanel("title", read_only=True),
        FieldPanel("body", read_only=True),
    ]

    def get_queryset(self, request):
        return Review.objects.select_related("product", "user")


register_snippet(BrandViewSet)
register_snippet(ReviewViewSet)

