"""The one registry of what invalidates what in the shop's caches.

**Tags** name what cached content was built from:

* ``page:<id>``: everything a page shows of itself, on its own page and on its card
  (title, price, stock, rating, brand, pictures, tags, reviews and reviewers' names).
* ``children:<url path>``: the list of a page's children and what lists and menus show of
  them (title, slug, liveness, menu flag, and the fields a page type names, e.g. a
  product's price and date for "related products"). Menus depend on the site root's.
* ``subtree:<path>``: anything at all below a page: category listings and the home page.
* ``ns:<name>``: a whole namespace (``sitemap``, ``search``, ``api``, ``feed``, ``seo``).
* ``site``: everything (sites, SEO settings, view restrictions).

**Reading**: a render records the tags of what it used on the request (``depend_on``);
the page cache stores the page under them, cards and menus carry their own.

**Writing**: each model that a page, card, menu or API answer can show is tracked here.
Pages are tracked by home (publish, unpublish, move, delete); other apps register their
models from their ``AppConfig.ready`` (``track``, ``track_pages``), so home imports none of
them. Models that nothing cached shows are listed with the reason (``leave_untracked``);
``home/tests/test_cache_dependencies.py`` fails for a model in neither list.
"""

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Model
from django.db.models.signals import post_save, pre_delete
from wagtail.models import Page

from home.pages.base import ancestor_paths
from home.serving.content_cache import SITE_TAG, invalidate

# Every page change reaches these: each lists or counts pages without naming them one by one.
PAGE_NAMESPACES = ("sitemap", "search", "api", "feed", "seo")
# What a menu, breadcrumb or list of any page shows of it.
BASE_LISTING_FIELDS = ("title", "slug", "live", "show_in_menus", "url_path")


def page_tag(pk: int) -> str:
    return f"page:{pk}"


def children_tag(url_path: str) -> str:
    # By URL path, not tree path: both the menu (the site's root path) and a page's parent
    # are known by URL without a query.
    return f"children:{url_path}"


def subtree_tag(path: str) -> str:
    return f"subtree:{path}"


def namespace_tag(name: str) -> str:
    return f"ns:{name}"


def parent_url_path(url_path: str) -> str | None:
    """ "/home/kitchen/knives/" -> "/home/kitchen/"; the tree root ("/") has no parent."""
    stripped = url_path.rstrip("/")
    return stripped.rsplit("/", 1)[0] + "/" if stripped else None


# Reading: what the current render was built from.


def depend_on(request, *tags: str) -> None:
    """Record that what is being rendered for ``request`` shows the content behind ``tags``."""
    if request is None:
        return
    recorded = getattr(request, "_content_tags", None)
    if recorded is None:
        recorded = request._content_tags = set()
    recorded.update(tags)


def recorded_tags(request) -> set[str]:
    return set(getattr(request, "_content_tags", ()))


def page_dependencies(page, request) -> set[str]:
    """The tags a rendered page is stored under: itself, what its render recorded, its subtree if it lists it."""
    tags = {page_tag(page.pk), *recorded_tags(request)}
    if getattr(page, "cache_depends_on_subtree", False):
        tags.add(subtree_tag(page.path))
    return tags


# Writing: the registry.


@dataclass(frozen=True)
class PageRule:
    # Fields whose change alters the parent's list of children (menus, related products).
    listing_fields: tuple[str, ...] = BASE_LISTING_FIELDS
    # More tags a change of such a page invalidates, worked out from the database as it is
    # (called before and after a publish, so what a page stopped showing is covered too).
    extra_tags: Callable[[Page], set[str]] | None = None


@dataclass(frozen=True)
class ModelRule:
    tags_for: Callable[[Model], Iterable[str]]
    # Saves that write none of these fields change nothing shown (None: every save counts).
    fields: tuple[str, ...] | None = None


_page_rules: dict[type, PageRule] = {Page: PageRule()}
_model_rules: dict[type, ModelRule] = {}
_untracked: dict[str, str] = {}


def track_pages(model: type[Page], *, listing_fields: Iterable[str] = (), extra_tags=None) -> None:
    """Pages of ``model`` (and its subclasses): their listing fields and any extra tags they reach."""
    _page_rules[model] = PageRule(tuple(dict.fromkeys([*BASE_LISTING_FIELDS, *listing_fields])), extra_tags)


def track(model: type[Model], tags_for: Callable[[Model], Iterable[str]], *, fields=None) -> None:
    """A save or delete of a ``model`` row invalidates ``tags_for(row)``."""
    _model_rules[model] = ModelRule(tags_for, tuple(fields) if fields is not None else None)
    uid = f"cache_dependencies_{model._meta.label_lower}"
    post_save.connect(_model_saved, sender=model, dispatch_uid=f"{uid}_saved", weak=False)
    # Before the delete: rows pointing at it (SET_NULL, CASCADE) still say what showed it.
    pre_delete.connect(_model_deleted, sender=model, dispatch_uid=f"{uid}_deleted", weak=False)


def leave_untracked(label: str, reason: str) -> None:
    """Declare that nothing cached shows ``label`` (app_label.ModelName), and why."""
    _untracked[label.lower()] = reason


def tracked_models() -> set[type[Model]]:
    return set(_model_rules) | set(_page_rules)


def untracked_labels() -> dict[str, str]:
    return dict(_untracked)


def is_tracked(model: type[Model]) -> bool:
    return any(issubclass(model, tracked) for tracked in tracked_models())


def model_tags(instance: Model) -> set[str]:
    rule = _model_rules.get(type(instance))
    return set(rule.tags_for(instance)) if rule else {SITE_TAG}


def _model_saved(sender, instance, created=False, update_fields=None, **kwargs):
    rule = _model_rules[sender]
    if update_fields is not None and rule.fields is not None and not set(update_fields) & set(rule.fields):
        return
    invalidate(rule.tags_for(instance))


def _model_deleted(sender, instance, **kwargs):
    invalidate(_model_rules[sender].tags_for(instance))


def page_rule(page: Page) -> PageRule:
    for klass in type(page).__mro__:
        if klass in _page_rules:
            return _page_rules[klass]
    return _page_rules[Page]


def listing_values(page: Page, fields: Iterable[str]) -> dict:
    return {name: getattr(page, page._meta.get_field(name).attname) for name in fields}


def page_change_tags(page: Page, *, listed: bool) -> set[str]:
    """What a change of ``page`` invalidates; ``listed``: its parent's list of children changed too."""
    paths = ancestor_paths(page.path)
    tags = {page_tag(page.pk), *(subtree_tag(path) for path in paths[:-1])}
    tags.update(namespace_tag(name) for name in PAGE_NAMESPACES)
    parent = parent_url_path(page.url_path or "")
    if listed and parent is not None:
        tags.add(children_tag(parent))
    rule = page_rule(page)
    if rule.extra_tags is not None:
        tags |= set(rule.extra_tags(page))
    return tags


MAX_SNAPSHOTS = 1000


class _Snapshots(threading.local):
    def __init__(self):
        self.before: dict[int, tuple[dict | None, set[str]]] = {}


_snapshots = _Snapshots()


def remember_before_save(page: Page, update_fields) -> None:
    """Note a page's listed values and extra tags as the database has them, before a save changes them.

    A draft save (Wagtail writes only revision bookkeeping) touches no listed field and is skipped.
    """
    if page.pk is None:
        return
    rule = page_rule(page)
    if update_fields is not None and not set(update_fields) & set(rule.listing_fields):
        return
    before = type(page)._default_manager.filter(pk=page.pk).values(*rule.listing_fields).first()
    if before is not None:
        before = {name: before[name] for name in rule.listing_fields}
    extra = set(rule.extra_tags(page)) if rule.extra_tags is not None else set()
    if len(_snapshots.before) > MAX_SNAPSHOTS:
        # Saves never followed by a publish (a bulk load) leave theirs behind; a publish
        # without a snapshot invalidates its parent's list too, which is only cautious.
        _snapshots.before.clear()
    _snapshots.before[page.pk] = (before, extra)


def published_tags(page: Page) -> set[str]:
    """What publishing ``page`` invalidates: the page, and its parent's list only if what lists show changed."""
    before, extra_before = _snapshots.before.pop(page.pk, (None, set()))
    rule = page_rule(page)
    listed = before is None or before != listing_values(page, rule.listing_fields)
    return page_change_tags(page, listed=listed) | extra_before


def moved_tags(page: Page, url_path_before: str) -> set[str]:
    """A move changes the URL of the page and everything below it, and two lists of children."""
    tags = page_change_tags(page, listed=True)
    tags.update(page_tag(pk) for pk in page.get_descendants().values_list("pk", flat=True))
    old_parent_url = parent_url_path(url_path_before)
    if old_parent_url is not None:
        tags.add(children_tag(old_parent_url))
        # The old parent's subtrees: its tree path is no longer on the page, so it is looked up.
        old_parent = Page.objects.filter(url_path=old_parent_url).only("path").first()
        if old_parent is not None:
            tags.update(subtree_tag(path) for path in ancestor_paths(old_parent.path))
    return tags
