"""The base every page type of the site builds on.

Wagtail's generic helpers cost a query per call (`public()` loads every view
restriction; `get_view_restrictions()` walks the ancestors first).  These
versions answer the same questions inside one SQL statement, which is what
keeps page renders within their query budget as the catalogue grows.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from home.pages.forms import ShopPageAdminForm
from home.seo.rules import DESCRIPTION_MAX, DESCRIPTION_MIN, TITLE_MAX


def ancestor_paths(path: str, steplen: int = Page.steplen) -> list[str]:
    """Treebeard paths of a page and all its ancestors, worked out from the path itself."""
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


def restricted() -> Exists:
    """True for a page with a view restriction on it or on any ancestor (a prefix of its path)."""
    return Exists(
        PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    )


class ShopPageQuerySet(PageQuerySet):
    def private_q(self):
        return Q(restricted())

    def with_privacy(self):
        """Annotate `is_private`, for callers that must load private pages but not show them."""
        return self.annotate(is_private=restricted())


ShopPageManager = PageManager.from_queryset(ShopPageQuerySet)


class ShopPage(Page):
    """Every page type's base: SEO fields marketers own, and one-query privacy checks."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="social sharing image",
        help_text="Shown when the page is shared. Defaults to the page's main image, then the site default.",
    )
    canonical_url = models.URLField(
        blank=True,
        help_text="Only when this content's main home is another URL. Leave empty to use this page's own URL.",
    )
    noindex = models.BooleanField(
        "hide from search engines",
        default=False,
        help_text="Adds a robots noindex tag and leaves the page out of the sitemap.",
    )

    objects = ShopPageManager()

    # Marketers get the SEO fields only (home.pages.forms); a page type with a form of its own
    # builds it on this one.
    base_form_class = ShopPageAdminForm

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel(
                    "seo_title",
                    help_text=f"Up to {TITLE_MAX} characters. Empty means the page title plus the site suffix.",
                ),
                FieldPanel(
                    "search_description",
                    help_text=f"{DESCRIPTION_MIN}–{DESCRIPTION_MAX} characters: what search results show under the title.",
                ),
                FieldPanel("og_image"),
                # The admin would say "Canonical url" after the field name.
                FieldPanel("canonical_url", heading="Canonical URL"),
                FieldPanel("noindex"),
            ],
            heading="Search engines and sharing",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading="Menus"),
    ]

    class Meta:
        abstract = True

    @property
    def preview_modes(self):
        # Every page type can be previewed as a search result and as a share card;
        # a type adding modes of its own keeps these (see ProductPage).
        from home.seo.previews import SEO_PREVIEW_MODES

        return [*super().preview_modes, *SEO_PREVIEW_MODES]

    def serve_preview(self, request, mode_name):
        from home.seo.previews import SEO_PREVIEW_MODES, seo_preview_response

        if mode_name in dict(SEO_PREVIEW_MODES):
            return seo_preview_response(self, request, mode_name)
        return super().serve_preview(request, mode_name)

    def get_sitemap_urls(self, request=None):
        return [] if self.noindex else super().get_sitemap_urls(request)

    def get_view_restrictions(self):
        # Kept on the instance: serving checks it, and so does the page cache.
        cached = getattr(self, "_view_restrictions", None)
        if cached is not None:
            return cached
        if self.alias_of_id:
            restrictions = super().get_view_restrictions()
        else:
            paths = ancestor_paths(self.path)
            # Restrictions live on source pages, never on aliases: an alias
            # ancestor is covered through the page it mirrors.
            restrictions = PageViewRestriction.objects.filter(
                Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
            ).distinct()
        self._view_restrictions = restrictions
        return restrictions
