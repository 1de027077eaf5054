from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from home.pages import ShopPage
from home.seo import DESCRIPTION_MAX

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
        # Held here because ShopPage is abstract; it covers every page type (home.page_content).
        permissions = [("edit_page_content", "Can edit page content, not only the SEO fields")]


@register_setting(icon="search")
class SeoSettings(BaseSiteSetting):
    """Site-wide SEO defaults marketers manage under Settings."""

    title_suffix = models.CharField(
        max_length=60,
        default=" | Wagtail Shop",
        blank=True,
        help_text="Added after page titles without an SEO title.",
    )
    default_og_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used when a page has no sharing image of its own.",
    )
    default_meta_description = models.TextField(
        max_length=DESCRIPTION_MAX,
        blank=True,
        help_text=(
            "The meta description of pages that have none of their own and no summary to fall"
            " back on, such as the home page."
        ),
    )
    organisation_name = models.CharField(max_length=120, default="Wagtail Shop")
    organisation_logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    twitter_handle = models.CharField(max_length=32, blank=True, help_text="Without the @.")

    select_related = ["default_og_image", "organisation_logo"]

    panels = [
        FieldPanel("title_suffix"),
        FieldPanel("default_og_image"),
        FieldPanel("default_meta_description"),
        FieldPanel("organisation_name"),
        FieldPanel("organisation_logo"),
        FieldPanel("twitter_handle"),
    ]

    class Meta:
        verbose_name = "SEO settings"


from home.workflows import SeoCheckTask  # noqa: E402,F401
