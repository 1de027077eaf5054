"""Add many live pages under one parent in four queries, for demo loads of 100,000 products.

Wagtail's ``add_child`` costs several queries per page: the parent's last child, the
``wagtailcore_page`` row, the specific row, the parent's ``numchild``, a validation pass.
At 100,000 products that was most of a load. ``bulk_add_children`` instead locks the
parent, works out the treebeard paths itself (``Page.alphabet`` and ``Page.steplen``, the
tree's public settings), inserts the page rows, then the specific rows, with one
multi-row ``INSERT`` per batch, and raises the parent's ``numchild`` once.

What ``Page.save`` would have done and this does not, so the caller does it instead:
``full_clean`` (the caller makes slugs unique among siblings), the search and reference
index (``deferred_indexing(...)``'s ``index_added``), and ``post_save`` receivers such as cache
invalidation. No revisions are written, as with ``publish_under``: the first edit in the
admin starts a page's history. ``manage.py fixtree`` finds nothing to fix afterwards
(pinned in catalogue/tests/test_demo_page_tree.py).
"""

import datetime
import uuid
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from wagtail.models import Page


def encode_step(step: int) -> str:
    """One path segment: ``step`` in the tree's alphabet, padded to ``Page.steplen``."""
    alphabet, base = Page.alphabet, len(Page.alphabet)
    if step < 1:
        raise ValueError("path steps start at 1")
    digits = ""
    while step:
        step, digit = divmod(step, base)
        digits = alphabet[digit] + digits
    if len(digits) > Page.steplen:
        raise ValueError(f"a page holds at most {base**Page.steplen - 1} children")
    return digits.rjust(Page.steplen, alphabet[0])


def decode_step(segment: str) -> int:
    value = 0
    for character in segment:
        value = value * len(Page.alphabet) + Page.alphabet.index(character)
    return value


def _specific_columns(model) -> list:
    """The specific model's own columns (its parent link included), through the public Meta API."""
    if model._meta.get_parent_list() != [Page]:
        raise TypeError(f"{model.__name__} must inherit straight from Page to be added in bulk")
    return [
        field
        for field in model._meta.get_fields(include_parents=False)
        if getattr(field, "concrete", False) and not field.many_to_many
    ]


@transaction.atomic
def bulk_add_children(
    parent: Page, pages: Sequence[Page], *, published_at: Sequence[datetime.datetime]
) -> None:
    """Insert unsaved ``pages`` (all of one specific model) as the last live children of ``parent``.

    Each page needs its title and a slug no sibling has; ``published_at`` gives each its
    first and last publication time. The pages get their primary keys.
    """
    if not pages:
        return
    model = type(pages[0])
    if any(type(page) is not model for page in pages):
        raise TypeError("bulk_add_children adds pages of one model at a time")
    specific_fields = _specific_columns(model)
    # Locked: a page added under the same parent meanwhile would take the same path.
    parent_row = (
        Page.objects.select_for_update().only("path", "depth", "url_path", "locale_id").get(pk=parent.pk)
    )
    last_path = (
        Page.objects.filter(path__startswith=parent_row.path, depth=parent_row.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    next_step = decode_step(last_path[-Page.steplen :]) + 1 if last_path else 1
    content_type = ContentType.objects.get_for_model(model)
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]

    for offset, (page, when) in enumerate(zip(pages, published_at, strict=True)):
        page.path = parent_row.path + encode_step(next_step + offset)
        page.depth = parent_row.depth + 1
        page.numchild = 0
        page.url_path = f"{parent_row.url_path}{page.slug}/"
        page.draft_title = page.title
        page.content_type = content_type
        page.locale_id = parent_row.locale_id
        page.translation_key = uuid.uuid4()
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = when

    for page, pk in zip(pages, _insert_rows(Page, page_fields, pages, returning_pk=True), strict=True):
        page.id = page.page_ptr_id = pk
    _insert_rows(model, specific_fields, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild = (parent.numchild or 0) + len(pages)


def _insert_rows(model, fields: list, pages: Sequence[Page], *, returning_pk: bool = False) -> list:
    """Insert ``fields`` of each page into ``model``'s table, a multi-row ``INSERT`` per batch; the new ids if asked.

    Django refuses ``bulk_create`` for a multi-table child (its parent rows would need
    inserting first), which is exactly what the page rows are for. The page rows go in
    the same way rather than through ``bulk_create``: that needs a second ``Page`` object
    per page, and building a Wagtail page is most of what a bulk insert costs in Python.
    Values are prepared as ``bulk_create`` prepares them (``pre_save``, ``get_db_prep_save``);
    PostgreSQL and SQLite return the ids in the order of the rows.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    returning = f" RETURNING {quote(model._meta.pk.column)}" if returning_pk else ""
    batch = max(1, connection.ops.bulk_batch_size(fields, pages))
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(pages), batch):
            chunk = pages[start : start + batch]
            params = [
                field.get_db_prep_save(field.pre_save(page, True), connection)
                for page in chunk
                for field in fields
            ]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([row_sql] * len(chunk))}{returning}",
                params,
            )
            if returning_pk:
                ids += [pk for (pk,) in cursor.fetchall()]
    return ids
