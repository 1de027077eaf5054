"""Editorial content that sells: stories embed live product cards."""

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from catalogue.blocks import StoryBodyBlock
from catalogue.models.querysets import renditions_matching
from home.pages.base import ShopPage


class StoryIndexPage(ShopPage):
    intro = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["catalogue.StoryPage"]
    max_count = 1
    # Stories are half the shop: a new index goes into the header and footer menus.
    show_in_menus_default = True
    # It lists the stories below it (home.serving.cache_dependencies).
    cache_depends_on_subtree = True

    class Meta:
        verbose_name = "story index"

    def get_context(self, request, *args, **kwargs):
        from catalogue.selectors import story_teasers

        context = super().get_context(request, *args, **kwargs)
        context["stories"] = story_teasers(StoryPage.objects.child_of(self)).order_by("-date", "-pk")
        return context


class StoryPage(ShopPage):
    date = models.DateField("Story date")
    intro = models.TextField(max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(StoryBodyBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["catalogue.StoryIndexPage"]
    subpage_types = []
    # The hero and the author (for the Article JSON-LD) come with the page (home.serving.routing);
    # the hero's renditions in one query (get_context).
    route_select_related = ("hero_image", "owner")

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"

    def get_context(self, request, *args, **kwargs):
        from catalogue.rendition_specs import STORY_PAGE_RENDITIONS
        from catalogue.structured_data import article

        if self.hero_image is not None:
            # The page's hero, its Article JSON-LD image and its sharing image: one query, not three.
            prefetch_related_objects(
                [self.hero_image], Prefetch("renditions", queryset=renditions_matching(STORY_PAGE_RENDITIONS))
            )
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = [article(self, request)]
        return context
