"""The base every page type of the site builds on.

Wagtail's generic helpers cost a query per call (`public()` loads every view
restriction; `get_view_restrictions()` walks the ancestors first).  These
versions answer the same questions inside one SQL statement, which is what
keeps page renders within their query budget as the catalogue grows.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def ancestor_paths(path: str, steplen: int = Page.steplen) -> list[str]:
    """Treebeard paths of a page and all its ancestors, worked out from the path itself."""
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


class ShopPageQuerySet(PageQuerySet):
    def private_q(self):
        # A page is private when a restriction sits on it or on any ancestor:
        # the restricted page's path is a prefix of this page's path.
        restricted_prefix = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return Q(Exists(restricted_prefix))


ShopPageManager = PageManager.from_queryset(ShopPageQuerySet)


class ShopPage(Page):
    objects = ShopPageManager()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        if self.alias_of_id:
            return super().get_view_restrictions()
        paths = ancestor_paths(self.path)
        # Restrictions live on source pages, never on aliases: an alias
        # ancestor is covered through the page it mirrors.
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()
