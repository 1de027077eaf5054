"""What a page's content is: what a moderator approves, and what marketers may not touch.

A page's fields fall in three sets. The SEO fields are the Promote tab's search and
sharing metadata that marketers own. Bookkeeping is what Wagtail (or the shop) keeps
up to date by itself: tree position, publishing state, locks, comments, live stock.
Everything else is content, including fields added later: an unknown field counts as
content, so the rules below fail safe (see docs/decisions.md, "An approval covers
the content it saw").
"""

import contextlib
import json

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from modelcluster.models import get_all_child_relations
from wagtail.models import Revision

# Given to Editors and Moderators (home/migrations/0009); superusers have every permission.
CONTENT_PERMISSION = "home.edit_page_content"

# The Promote tab's search and sharing fields, plus the slug (Wagtail redirects the old URL).
SEO_FIELDS = frozenset({"slug", "seo_title", "search_description", "og_image", "canonical_url", "noindex"})

# Kept by Wagtail, never typed into the content: where the page sits, whether and when it
# was published, who locked or owns it, the mirror of the title, and its comment threads.
BOOKKEEPING_FIELDS = frozenset(
    {
        "pk",
        "id",
        "page_ptr",
        "path",
        "depth",
        "numchild",
        "url_path",
        "content_type",
        "translation_key",
        "locale",
        "alias_of",
        "owner",
        "latest_revision",
        "latest_revision_created_at",
        "live",
        "live_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "wagtail_admin_comments",
    }
)


def user_can_edit_content(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user may change a page's content, and not only its SEO fields."""
    return user.has_perm(CONTENT_PERMISSION)


def revision_content(revision: Revision) -> dict:
    """The revision's content: its field data minus SEO fields, bookkeeping and live-only numbers.

    Child rows (gallery images, related products, tags) keep their order and values but
    lose their own ids, their sort_order numbers (the list is already in that order) and
    the key back to the page, which change when a draft is saved without changing what
    it says.
    """
    model = revision.content_type.model_class()
    # Live-only fields (ProductPage.stock, view_count) are snapshots in a revision, not content.
    ignored = SEO_FIELDS | BOOKKEEPING_FIELDS | set(getattr(model, "LIVE_ONLY_FIELDS", ()))
    parent_keys = {
        relation.get_accessor_name(): relation.field.name for relation in get_all_child_relations(model)
    }
    content = {}
    for name, value in revision.content.items():
        if name in ignored:
            continue
        if name in parent_keys and isinstance(value, list):
            skip = {"pk", "id", "sort_order", parent_keys[name]}
            value = [{key: item for key, item in row.items() if key not in skip} for row in value]
        elif isinstance(value, str) and value[:1] in ("[", "{"):
            # StreamField data is stored as a JSON string; compare what it says, not its spacing.
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        content[name] = value
    return content


def changed_content_fields(before: Revision, after: Revision) -> list[str]:
    """Names of the content fields that differ between two revisions of the same page."""
    if before.pk == after.pk:
        return []
    old, new = revision_content(before), revision_content(after)
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
