"""Demo redirects and promoted search results, so the marketer's admin screens are not empty.

Both are keyed by what a marketer would type (the old path, the search query and the
promoted page), so running the loader again finds them and adds nothing.
"""

from dataclasses import dataclass

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from catalogue.models import CategoryPage, StoryIndexPage


@dataclass(frozen=True)
class DemoRedirect:
    old_path: str
    # A category slug (the redirect follows the page wherever it moves) or a fixed link.
    to_category: str = ""
    to_stories: bool = False
    link: str = ""
    permanent: bool = True


DEMO_REDIRECTS = (
    DemoRedirect("/kitchen-shop", to_category="kitchen"),
    DemoRedirect("/knife-shop", to_category="knives"),
    DemoRedirect("/blog", to_stories=True),
    DemoRedirect("/offers", link="/search/?q=gift", permanent=False),
)

# (what shoppers search for, the category slug promoted above the results, the line shown with it)
DEMO_PROMOTIONS = (
    ("knife", "knives", "Every knife we sell, with the sharpening guide next to it."),
    ("coffee", "coffee-tea", "Grinders, brewers and everything for the slow morning cup."),
    ("gift", "", "Our stories: gift ideas from the people who choose what we sell."),
)


def _category(slug: str) -> Page | None:
    return CategoryPage.objects.filter(slug=slug).first()


def load_redirects() -> int:
    """The demo's hand-made redirects; returns how many were created."""
    created = 0
    for demo in DEMO_REDIRECTS:
        page = _category(demo.to_category) if demo.to_category else None
        if demo.to_stories:
            page = StoryIndexPage.objects.first()
        if page is None and not demo.link:
            continue  # a small load without that category or the stories yet
        _, was_created = Redirect.objects.get_or_create(
            old_path=Redirect.normalise_path(demo.old_path),
            site=None,
            defaults={"redirect_page": page, "redirect_link": demo.link, "is_permanent": demo.permanent},
        )
        created += was_created
    return created


def load_promotions() -> int:
    """Promoted results for a few common searches; returns how many were created."""
    created = 0
    for query_text, slug, description in DEMO_PROMOTIONS:
        page = _category(slug) if slug else StoryIndexPage.objects.first()
        if page is None:
            continue
        query = Query.get(query_text)
        if not SearchPromotion.objects.filter(query=query, page=page).exists():
            SearchPromotion.objects.create(query=query, page=page, description=description, sort_order=0)
            created += 1
    return created
