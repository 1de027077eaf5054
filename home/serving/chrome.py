"""The page tree around the current page — menu, breadcrumbs, sub-sections — in one query.

The result is cached under the lists of children it shows (home.serving.cache_dependencies): the
menu goes stale only when the site root's children change (a category published, renamed,
hidden from menus), breadcrumbs when an ancestor's do; the query grows with the tree (about 20 ms at
100,000 pages), while every page that is not served whole from the page cache (search,
signed-in visitors, the cart) shows the menu.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, Q
from wagtail.models import Page, Site

from home.pages.base import ShopPageQuerySet, ancestor_paths
from home.serving.cache_dependencies import children_tag, depend_on, parent_url_path
from home.serving.cache_policy import cache_seconds
from home.serving.content_cache import CLOCK_KEY, clock_value, generation_key, store_tagged

CHROME_FIELDS = (
    "id",
    "title",
    "slug",
    "path",
    "depth",
    "url_path",
    "live",
    "show_in_menus",
    "content_type_id",
)


@dataclass
class PageChrome:
    menu: list = field(default_factory=list)
    ancestors: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    # Pages the page type asks for beside its chrome (`chrome_linked_pages`), in path order.
    linked: list = field(default_factory=list)
    # What the chrome was built from: recorded on every request that shows it, cached or not.
    tags: frozenset = frozenset()


def page_chrome(request, page=None, section_model=None) -> PageChrome:
    """Menu pages under the site root, the page's ancestors and its live child sections of `section_model`."""
    cache_key = (page.pk if page else None, section_model)
    memo = getattr(request, "_page_chrome", {})
    if cache_key in memo:
        return memo[cache_key]

    site = Site.find_for_request(request)
    chrome = PageChrome()
    if site is not None:
        section_label = section_model._meta.label if section_model else "-"
        shared_key = generation_key("chrome", site.pk, page.path if page else "-", section_label)
        found = cache.get_many([shared_key, CLOCK_KEY])
        chrome = found.get(shared_key)
        if chrome is None:
            seen_clock = clock_value(found)  # read before loading: see home.serving.content_cache
            chrome = _load_chrome(site, page, section_model)
            store_tagged({shared_key: chrome}, {shared_key: set(chrome.tags)}, seen_clock, cache_seconds())
        depend_on(request, *chrome.tags)
    memo[cache_key] = chrome
    request._page_chrome = memo
    return chrome


def _load_chrome(site, page, section_model) -> PageChrome:
    chrome = PageChrome()
    root = next((r for r in Site.get_site_root_paths() if r.site_id == site.pk), None)
    # A url_path has one segment fewer than the page's depth ("/" is the tree root).
    menu_depth = root.root_path.count("/") + 1 if root else 3
    wanted = Q(depth=menu_depth, url_path__startswith=root.root_path if root else "/")
    wanted &= Q(live=True, show_in_menus=True)
    crumbs = ancestor_paths(page.path)[1:-1] if page is not None else []
    if crumbs:
        wanted |= Q(path__in=crumbs)
    if page is not None and section_model is not None:
        content_type = ContentType.objects.get_for_model(section_model)
        wanted |= Q(path__startswith=page.path, depth=page.depth + 1, live=True, content_type=content_type)
    # A page type may have more pages loaded in this same query (ProductPage: the stories
    # featuring it): a queryset of their ids, and the extra columns they carry.
    linked = page.chrome_linked_pages() if page is not None and hasattr(page, "chrome_linked_pages") else None
    if linked is not None:
        linked_ids, linked_columns = linked
        wanted |= Q(pk__in=linked_ids)
    pages = ShopPageQuerySet(Page).filter(wanted).public().only(*CHROME_FIELDS).order_by("path")
    if linked is not None:
        pages = pages.annotate(
            is_linked=ExpressionWrapper(Q(pk__in=linked_ids), BooleanField()), **linked_columns
        )
    section_type = ContentType.objects.get_for_model(section_model).pk if section_model else None
    # The menu lists the site root's children; each breadcrumb is one of its parent's; the
    # sections are the page's own; linked pages say what they depend on (`chrome_linked_tags`).
    tags = {children_tag(root.root_path if root else "/")}
    if page is not None and section_model is not None:
        tags.add(children_tag(page.url_path))
    if linked is not None and hasattr(page, "chrome_linked_tags"):
        tags.update(page.chrome_linked_tags())
    for candidate in pages:
        if candidate.path in crumbs and parent_url_path(candidate.url_path):
            tags.add(children_tag(parent_url_path(candidate.url_path)))
        if getattr(candidate, "is_linked", False):
            chrome.linked.append(candidate)
        if candidate.path in crumbs:
            chrome.ancestors.append(candidate)
        if (
            page is not None
            and candidate.content_type_id == section_type
            and candidate.depth == page.depth + 1
            and candidate.path.startswith(page.path)
        ):
            chrome.sections.append(candidate)
        if candidate.live and candidate.show_in_menus and candidate.depth == menu_depth:
            chrome.menu.append(candidate)
    chrome.tags = frozenset(tags)
    return chrome
