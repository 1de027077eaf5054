"""The SEO audit's measurements: what each live page and redirect gets wrong, stored per page.

`measure_pages()` reads live pages a batch at a time (a fixed handful of queries per
batch, never a page object per row) and writes `SeoAuditEntry`/`SeoAuditProblem` rows.
Saving, publishing, unpublishing, moving or deleting a page re-measures it once after the
transaction commits (home/signals.py); when it went live, went away or changed address, the
pages linking to it and the redirects are measured too, and a draft save only updates the
title the audit lists. A redirect change re-measures the redirects. `manage.py seo_audit_refresh` and the nightly beat task re-measure everything,
for data written without signals (bulk imports).

How each check is decided, cheaply:

- Titles and descriptions: the text a page really shows, `home.seo.rules.effective_title` and
  `effective_description`, and the message names the fallback measured.
- H1: every page template renders the page title as its one `<h1>` (pinned by
  `home/tests/test_seo_audit.py` for every page type); the audit adds the `<h1>`s stored
  in the page's rich text. No title means no H1; any rich-text H1 means two.
- Images without alt text: an image the page shows with neither a caption nor the
  image's own description (Wagtail's alt text), so the alt falls back to the file
  title, and rich-text images stored with an empty alt. The block templates use the
  same order: caption, then `image.default_alt_text` (description, then title).
- Broken internal links: rich-text page links to pages that are gone or not live.
- Product structured data: the properties Google's Product rich result requires,
  checked by `missing_product_properties`, the same function the tests run on the
  JSON-LD a product page renders.
"""

import hashlib
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import Resolver404, resolve
from wagtail.models import Page, ReferenceIndex, Site, get_page_models

from home.models import SeoAuditEntry, SeoAuditProblem
from home.pages.base import ShopPage
from home.seo.checks import (
    BATCH_SIZE,
    Finding,
    PageMeasure,
    batch_context,
    body_facts,
    live_rows,
    missing_product_properties,
    page_findings,
)
from home.serving.cache_dependencies import namespace_tag
from home.serving.content_cache import invalidate

__all__ = [
    "BATCH_SIZE",
    "missing_product_properties",
    "measure_everything",
    "measure_pages",
    "measure_redirects",
]

REDIRECT_TYPE = "wagtailredirects.redirect"


def text_hash(text: str) -> str:
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha1(normalised.encode()).hexdigest() if normalised else ""  # noqa: S324 - a key, not a secret


def shop_page_models() -> list[type[ShopPage]]:
    """The concrete page types carrying SEO fields, in a stable order."""
    models = [model for model in get_page_models() if issubclass(model, ShopPage)]
    return sorted(models, key=lambda model: model._meta.label_lower)


def _wipe(kind: str) -> None:
    """Delete every page (or redirect) measurement in two statements.

    The ORM's delete() would load each row first (the project listens to post_delete
    for every model), which at 100,000 pages is most of a full refresh's time.
    """
    entries, problems = SeoAuditEntry._meta.db_table, SeoAuditProblem._meta.db_table
    column = SeoAuditEntry._meta.get_field(kind.removesuffix("_id")).column
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {problems} WHERE entry_id IN (SELECT id FROM {entries} WHERE {column} IS NOT NULL)"  # noqa: S608 - names from _meta
        )
        cursor.execute(f"DELETE FROM {entries} WHERE {column} IS NOT NULL")  # noqa: S608


def _write(entries: list[tuple[SeoAuditEntry, list[Finding]]]) -> None:
    for entry, findings in entries:
        entry.has_problems = bool(findings)
    with transaction.atomic():
        created = SeoAuditEntry.objects.bulk_create([entry for entry, _ in entries])
        SeoAuditProblem.objects.bulk_create(
            [
                SeoAuditProblem(
                    entry=entry, code=f.code, message=f.message, fix_field=f.fix_field, position=n
                )
                for entry, (_, findings) in zip(created, entries, strict=True)
                for n, f in enumerate(findings)
            ]
        )


SHARED_FLAGS = (("title_hash", "title_shared"), ("description_hash", "description_shared"))
HASH_CHUNK = 500


def refresh_shared_flags(hashes: dict[str, set[str]] | None = None) -> None:
    """Recompute which entries share a title or description hash, then `has_problems`.

    ``hashes`` maps "title_hash"/"description_hash" to the hashes a change touched (its
    old and new ones); None recomputes every entry, as a full refresh does. Each step is
    one grouped UPDATE per chunk of hashes, whatever the number of twins.
    """
    for hash_field, flag in SHARED_FLAGS:
        if hashes is None:
            chunks = [None]
        else:
            touched = sorted(h for h in hashes.get(hash_field, ()) if h)
            chunks = [touched[i : i + HASH_CHUNK] for i in range(0, len(touched), HASH_CHUNK)]
        for chunk in chunks:
            scope = (
                SeoAuditEntry.objects.all()
                if chunk is None
                else SeoAuditEntry.objects.filter(**{f"{hash_field}__in": chunk})
            )
            twins = (
                scope.exclude(**{hash_field: ""})
                .values(hash_field)
                .annotate(n=Count("pk"))
                .filter(n__gt=1)
                .values(hash_field)
            )
            scope.update(
                **{flag: ExpressionWrapper(Q(**{f"{hash_field}__in": twins}), output_field=BooleanField())}
            )
    scope = SeoAuditEntry.objects.all()
    if hashes is not None:
        touched = Q()
        for hash_field, _ in SHARED_FLAGS:
            values = [h for h in hashes.get(hash_field, ()) if h]
            if values:
                touched |= Q(**{f"{hash_field}__in": values})
        if not touched:
            return
        scope = scope.filter(touched)
    stored = Exists(SeoAuditProblem.objects.filter(entry=OuterRef("pk")))
    scope.update(
        has_problems=ExpressionWrapper(
            Q(title_shared=True) | Q(description_shared=True) | Q(stored), output_field=BooleanField()
        )
    )


def measure_pages(ids: Iterable[int] | None = None) -> int:
    """Measure the given pages (every live page when None); entries of pages no longer live go.

    Returns how many pages were measured.
    """
    return sum(measure_page_batches(ids))


def _content_type_id(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def batch_count() -> int:
    """How many batches `measure_page_batches()` takes over every live page (for a progress bar)."""
    total = 0
    for model in shop_page_models():
        pages = model.objects.live().exact_type(model).filter(alias_of__isnull=True).count()
        total += -(-pages // BATCH_SIZE)
    return total


def measure_page_batches(ids: Iterable[int] | None = None) -> Iterator[int]:
    """Measure pages a batch at a time, yielding each batch's size."""
    wanted = None if ids is None else set(ids)
    touched: dict[str, set[str]] = {"title_hash": set(), "description_hash": set()}
    if wanted is None:
        _wipe("page_id")
    else:
        old = SeoAuditEntry.objects.filter(page_id__in=wanted)
        for title_hash, description_hash in old.values_list("title_hash", "description_hash"):
            touched["title_hash"].add(title_hash)
            touched["description_hash"].add(description_hash)
        old.delete()
    models = shop_page_models()
    if wanted is not None:
        # Only the page types the given pages have: one query instead of one per type.
        type_ids = set(Page.objects.filter(pk__in=wanted).values_list("content_type_id", flat=True))
        models = [model for model in models if _content_type_id(model) in type_ids]
    for model in models:
        for rows in live_rows(model, wanted):
            batch = [PageMeasure(model, row, body_facts(model, row)) for row in rows]
            context = batch_context(batch)
            entries = []
            for measure in batch:
                findings = page_findings(measure, context)
                row = measure.row
                title = row.get("draft_title") or row["title"]
                entries.append(
                    (
                        SeoAuditEntry(
                            page_id=row["id"],
                            page_type=model._meta.label_lower,
                            title=title[:255],
                            sort_title=title.casefold()[:255],
                            title_hash=text_hash(measure.title),
                            description_hash=text_hash(measure.description),
                            last_published_at=row.get("last_published_at"),
                        ),
                        findings,
                    )
                )
            _write(entries)
            for entry, _ in entries:
                touched["title_hash"].add(entry.title_hash)
                touched["description_hash"].add(entry.description_hash)
            yield len(rows)
    refresh_shared_flags(None if wanted is None else touched)


# --- Redirects ------------------------------------------------------------------------


def _normalised_path(url: str) -> str:
    from wagtail.contrib.redirects.models import Redirect

    return Redirect.normalise_path(url)


def measure_redirects() -> int:
    """Re-measure every redirect: chains (its target is another redirect) and targets that answer 404."""
    from wagtail.contrib.redirects.models import Redirect

    redirects = list(Redirect.objects.select_related("redirect_page"))
    sources = {(r.site_id, r.old_path) for r in redirects} | {
        (None, r.old_path) for r in redirects if not r.site_id
    }
    live_paths = _live_url_paths(redirects)
    entries = []
    for redirect in redirects:
        findings = []
        target_page = redirect.redirect_page
        if target_page is not None and not target_page.live:
            findings.append(
                Finding(
                    "redirect_404",
                    f"Redirects to “{target_page.title}”, which is not published: a 404.",
                    "redirect_page",
                )
            )
        link = redirect.redirect_link
        if target_page is None and link and _is_local(link):
            path = _normalised_path(link)
            if (redirect.site_id, path) in sources or (None, path) in sources:
                findings.append(
                    Finding(
                        "redirect_chain",
                        f"Redirects to {path}, which redirects again: point it at the final URL.",
                        "redirect_link",
                    )
                )
            elif not _resolves(path, live_paths):
                findings.append(
                    Finding("redirect_404", f"Redirects to {path}, which answers 404.", "redirect_link")
                )
        if findings:
            entries.append(
                (
                    SeoAuditEntry(
                        redirect_id=redirect.pk,
                        page_type=REDIRECT_TYPE,
                        title=f"Redirect {redirect.old_path}"[:255],
                        sort_title=f"redirect {redirect.old_path}".casefold()[:255],
                    ),
                    findings,
                )
            )
    with transaction.atomic():
        _wipe("redirect_id")
        _write(entries)
    return len(redirects)


def _is_local(link: str) -> bool:
    if link.startswith("/"):
        return True
    hosts = {site.hostname for site in Site.objects.all()}
    return any(link.startswith((f"http://{host}", f"https://{host}")) for host in hosts)


def _live_url_paths(redirects) -> set[str]:
    """Relative URLs of the live pages redirects point at, read in one query."""
    paths = set()
    candidates = set()
    for redirect in redirects:
        if redirect.redirect_link and _is_local(redirect.redirect_link):
            candidates.add(_normalised_path(redirect.redirect_link))
    if not candidates:
        return paths
    root_paths = Site.get_site_root_paths()
    wanted = {
        root.root_path.rstrip("/") + path.rstrip("/") + "/" for root in root_paths for path in candidates
    }
    for url_path in Page.objects.filter(live=True, url_path__in=wanted).values_list("url_path", flat=True):
        for root in root_paths:
            if url_path.startswith(root.root_path):
                paths.add(_normalised_path(url_path[len(root.root_path) - 1 :]))
    return paths


def _resolves(path: str, live_paths: set[str]) -> bool:
    if path in live_paths or path.rstrip("/") in {p.rstrip("/") for p in live_paths}:
        return True
    try:
        match = resolve(path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/")
    except Resolver404:
        return False
    # Wagtail's catch-all serve view matches every path; only a real view counts.
    return match.url_name not in ("wagtail_serve", "wagtail_serve_root")


# --- Keeping it fresh -----------------------------------------------------------------

# Per process: ids waiting for the next commit. A rolled-back transaction leaves its ids
# here for the next flush, which re-reads the database, so measuring them is harmless.
_pending: dict[str, set] = {
    "pages": set(),
    "referred": set(),
    "retitled": set(),
    "redirects": set(),
    "title_hash": set(),
    "description_hash": set(),
}


def remeasure_on_commit(
    page_ids: Iterable[int] = (), redirects: bool = False, referrers: bool = False
) -> None:
    """Queue pages for measuring once the transaction commits, each once.

    ``referrers``: the pages linking to them too (a page that went live, went away or moved
    mends or breaks their links); ``redirects``: every redirect (their targets may now answer 404).
    """
    _pending["pages"].update(page_ids)
    if referrers:
        _pending["referred"].update(page_ids)
    if redirects:
        _pending["redirects"].add(True)
    transaction.on_commit(_flush)


def retitle_on_commit(page_id: int) -> None:
    """A draft of the page was saved: nothing measured changed, but the audit lists its draft title."""
    _pending["retitled"].add(page_id)
    transaction.on_commit(_flush)


def forget_on_commit(page_id: int) -> None:
    """A page is about to be deleted, its entry with it: its twins' flags need a look after the commit."""
    for title_hash, description_hash in SeoAuditEntry.objects.filter(page_id=page_id).values_list(
        "title_hash", "description_hash"
    ):
        _pending["title_hash"].add(title_hash)
        _pending["description_hash"].add(description_hash)
    remeasure_on_commit([page_id], redirects=True, referrers=True)


def _flush() -> None:
    taken = dict(_pending)
    for key in _pending:
        _pending[key] = set()
    if taken["pages"]:
        measure_pages(taken["pages"] | _referrers(taken["referred"]))
    _retitle(taken["retitled"] - taken["pages"])
    if taken["title_hash"] or taken["description_hash"]:
        refresh_shared_flags(
            {"title_hash": taken["title_hash"], "description_hash": taken["description_hash"]}
        )
    if taken["redirects"]:
        measure_redirects()


def _retitle(page_ids: set[int]) -> None:
    """Give the pages' entries the title a measure would (the draft title, else the live one)."""
    if not page_ids:
        return
    changed = 0
    for pk, draft_title, title in Page.objects.filter(pk__in=page_ids).values_list(
        "pk", "draft_title", "title"
    ):
        shown = (draft_title or title)[:255]
        entries = SeoAuditEntry.objects.filter(page_id=pk).exclude(title=shown)
        changed += entries.update(title=shown, sort_title=shown.casefold()[:255])
    if changed:
        # An update sends no signal: the dashboard's cached listing is dropped here instead.
        invalidate({namespace_tag("seo")})


def measure_everything() -> tuple[int, int]:
    """Re-measure every live page and every redirect: (pages, redirects)."""
    return measure_pages(), measure_redirects()


def _referrers(page_ids: set[int]) -> set[int]:
    """Pages whose content refers to these (their rich-text links may have broken or mended)."""
    from django.contrib.contenttypes.models import ContentType

    if not page_ids:
        return set()
    base = ContentType.objects.get_for_model(Page)
    refs = ReferenceIndex.objects.filter(to_content_type=base, to_object_id__in=[str(pk) for pk in page_ids])
    return {int(pk) for pk in refs.filter(base_content_type=base).values_list("object_id", flat=True)}
