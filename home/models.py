from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from home.blocks import home_page_blocks
from home.pages.base import ShopPage
from home.seo.rules import DESCRIPTION_MAX
from home.serving import hooks as serving_hooks


class HomePage(ShopPage):
    """The site root: a front page editors compose from blocks."""

    body = StreamField(home_page_blocks(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # What may sit under the front page is said by the page types themselves
    # (their parent_page_types), so the foundation names none of the apps above it.

    # Tiles, best sellers and the latest stories come from anywhere below it (home.serving.cache_dependencies).
    cache_depends_on_subtree = True

    def get_context(self, request, *args, **kwargs):
        from home.seo.meta import head_pictures

        context = super().get_context(request, *args, **kwargs)
        # Every merchandising block's rows and pictures in a handful of queries, not a few per
        # block (without the hook each block loads its own); the head's logo and sharing image
        # join the loader's one rendition query.
        context["merchandising"] = serving_hooks.preload_home_blocks(
            self.body, also=head_pictures(self, request)
        )
        return context

    class Meta:
        verbose_name = "home page"
        # Held here because ShopPage is abstract; it covers every page type (home.pages.content).
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


class SeoAuditEntry(models.Model):
    """One live page (or redirect) as the SEO audit last measured it; kept fresh by home.seo.audit.

    The audit is read from these rows so that it filters, counts and paginates in the
    database at any catalogue size. Duplicates are found by hash: when a page's hashes
    change, the flags of every entry sharing the old or the new hash are recomputed in
    SQL, so its twins are never re-measured.
    """

    page = models.OneToOneField("wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="+")
    redirect = models.OneToOneField(
        "wagtailredirects.Redirect", null=True, on_delete=models.CASCADE, related_name="+"
    )
    page_type = models.CharField(max_length=100, db_index=True)
    title = models.CharField(max_length=255)
    sort_title = models.CharField(max_length=255, db_index=True)
    # sha1 of the normalised effective title / description; empty when there is none.
    title_hash = models.CharField(max_length=40, blank=True, db_index=True)
    description_hash = models.CharField(max_length=40, blank=True, db_index=True)
    # Another entry has the same hash (kept by home.seo.audit for every hash a change touches).
    title_shared = models.BooleanField(default=False)
    description_shared = models.BooleanField(default=False)
    # Any stored problem, or a shared title or description: what the report lists.
    has_problems = models.BooleanField(default=False)
    last_published_at = models.DateTimeField(null=True)
    measured_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "SEO audit entry"
        verbose_name_plural = "SEO audit entries"
        # The report's listing: rows with problems, by title, paginated by the index.
        indexes = [models.Index(fields=["has_problems", "sort_title", "id"], name="home_seoaudit_listing")]

    def __str__(self):
        return self.title


class SeoAuditProblem(models.Model):
    """One rule an audited page or redirect breaks, with the field that fixes it."""

    entry = models.ForeignKey(SeoAuditEntry, on_delete=models.CASCADE, related_name="problems")
    code = models.CharField(max_length=40, db_index=True)
    message = models.TextField()
    # A page form field ("search_description"), "image:<id>" for an image's alt text,
    # or a redirect form field.
    fix_field = models.CharField(max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.code}: {self.message}"


from home.seo.workflows import SeoCheckTask  # noqa: E402,F401
