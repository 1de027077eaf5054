from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from catalogue.shoppable import shoppable_context
from home.pages import ShopPage

from .blocks import HomePageStreamBlock


class HomePage(ShopPage):
    """The site root: a front page editors compose from blocks."""

    body = StreamField(HomePageStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["catalogue.CategoryPage", "catalogue.StoryIndexPage"]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(shoppable_context(self.body))
        return context
