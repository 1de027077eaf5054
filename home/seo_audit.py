"""The SEO audit's measurements: what each live page and redirect gets wrong, stored per page.

`measure_pages()` reads live pages a batch at a time (a fixed handful of queries per
batch, never a page object per row) and writes `SeoAuditEntry`/`SeoAuditProblem` rows.
Saving, publishing, unpublishing, moving or deleting a page re-measures it (and the pages
linking to it) after the transaction commits; a redirect change re-measures the
redirects. `manage.py seo_audit_refresh` and the nightly beat task re-measure everything,
for data written without signals (bulk imports).

How each check is decided, cheaply:

- Titles and descriptions: the text a page really shows, `home.seo.effective_title` and
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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.urls import Resolver404, resolve
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site, get_page_models

from home.models import SeoAuditEntry, SeoAuditProblem
from home.pages import ShopPage
from home.seo import DESCRIPTION_MAX, DESCRIPTION_MIN, TITLE_MAX

BATCH_SIZE = 1000
REDIRECT_TYPE = "wagtailredirects.redirect"

# Stored rich text writes internal links as <a linktype="page" id="12"> (attributes in any order).
PAGE_LINK = re.compile(r'<a\b(?=[^>]*\blinktype="page")[^>]*\bid="(\d+)"')
IMAGE_EMBED = re.compile(r"<embed[^>]*\bembedtype=\"image\"[^>]*>")
EMPTY_ALT = re.compile(r'\balt=""')
H1 = re.compile(r"<h1[\s>]", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")

# Where each fallback of the description comes from, in the order effective_description tries them.
DESCRIPTION_SOURCES = (
    ("search_description", "meta description"),
    ("short_description", "short description"),
    ("intro", "intro"),
)


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    fix_field: str = ""


def thin_copy_words() -> int:
    return getattr(settings, "SEO_THIN_COPY_WORDS", 50)


def text_hash(text: str) -> str:
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha1(normalised.encode()).hexdigest() if normalised else ""  # noqa: S324 - a key, not a secret


def shop_page_models() -> list[type[ShopPage]]:
    """The concrete page types carrying SEO fields, in a stable order."""
    models = [model for model in get_page_models() if issubclass(model, ShopPage)]
    return sorted(models, key=lambda model: model._meta.label_lower)


# --- Reading pages --------------------------------------------------------------------


def _own_image_expression(model) -> ExpressionWrapper:
    """SQL for `home.seo.page_own_og_image(page) is not None`: an image of its own, by id."""
    conditions = []
    for name in ("og_image", "main_image", "hero_image"):
        try:
            image_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if image_field.many_to_one:
            conditions.append(Q(**{f"{name}__isnull": False}))
    gallery = getattr(model, "gallery_images", None)
    if gallery is not None:
        rel = gallery.rel
        conditions.append(Q(Exists(rel.related_model.objects.filter(**{rel.field.name: OuterRef("pk")}))))
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return ExpressionWrapper(condition, output_field=BooleanField())


def _live_rows(model, ids=None) -> Iterator[list[dict]]:
    """The model's live, non-alias pages as column dicts (StreamFields as raw JSON), in batches."""
    columns = [field.attname for field in model._meta.concrete_fields]
    queryset = model.objects.live().exact_type(model).filter(alias_of__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    queryset = queryset.annotate(has_own_image=_own_image_expression(model)).values(*columns, "has_own_image")
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).order_by("pk")[:BATCH_SIZE])
        if not batch:
            return
        yield batch
        last_pk = batch[-1]["id"]


def _raw_stream(value) -> list:
    if value is None:
        return []
    raw = getattr(value, "raw_data", value)
    return list(raw) if raw else []


@dataclass
class BodyFacts:
    """What the audit needs from a StreamField's stored JSON."""

    rich_text: list[str]
    words: int
    images: list[tuple[int, str]]  # (image id, caption)


def body_facts(model, row: dict) -> BodyFacts:
    facts = BodyFacts(rich_text=[], words=0, images=[])
    for field in model._meta.concrete_fields:
        if isinstance(field, StreamField):
            _walk(_raw_stream(row.get(field.attname)), facts, caption="")
    return facts


def _walk(node, facts: BodyFacts, caption: str, key: str = "") -> None:
    if isinstance(node, dict):
        if "type" in node and "value" in node:
            block_type, value = node["type"], node["value"]
            if block_type == "paragraph" and isinstance(value, str):
                facts.rich_text.append(value)
                facts.words += len(TAG.sub(" ", value).split())
                return
            # An image block's caption is its alt text; a gallery's caption is for the
            # whole gallery, so its pictures need descriptions of their own.
            if block_type == "image" and isinstance(value, dict):
                caption = value.get("caption", "") or ""
            elif block_type == "gallery":
                caption = ""
            _walk(value, facts, caption, block_type)
            return
        for child_key, child in node.items():
            if child_key == "image" and isinstance(child, int):
                facts.images.append((child, caption))
            elif child_key == "images" and isinstance(child, list):
                for item in child:
                    image_id = item.get("value") if isinstance(item, dict) else item
                    if isinstance(image_id, int):
                        facts.images.append((image_id, caption))
            else:
                _walk(child, facts, caption, child_key)
    elif isinstance(node, list):
        for child in node:
            _walk(child, facts, caption, key)
    elif isinstance(node, str) and key not in ("id", "type", "image", "product", "page", "link_page"):
        facts.words += len(node.split())


# --- The checks -----------------------------------------------------------------------


def _title_findings(row: dict) -> tuple[str, list[Finding]]:
    own = (row.get("seo_title") or "").strip()
    title = own or (row.get("title") or "").strip()
    if not title:
        return "", [Finding("title_missing", "The page has no title.", "title")]
    if len(title) <= TITLE_MAX:
        return title, []
    if own:
        measured = f"The SEO title is {len(title)} characters"
        fix = "seo_title"
    else:
        measured = f"SEO title empty; measured the fallback: page title, {len(title)} characters"
        fix = "seo_title"
    return title, [Finding("title_too_long", f"{measured}; keep it to {TITLE_MAX}.", fix)]


def _description_findings(row: dict) -> tuple[str, list[Finding]]:
    found = next(
        (
            (field_name, label, " ".join((row.get(field_name) or "").split()))
            for field_name, label in DESCRIPTION_SOURCES
            if (row.get(field_name) or "").strip()
        ),
        None,
    )
    if found is None:
        return "", [
            Finding(
                "description_missing",
                "Meta description empty, and no short description or intro to fall back on.",
                "search_description",
            )
        ]
    field_name, label, text = found
    if DESCRIPTION_MIN <= len(text) <= DESCRIPTION_MAX:
        return text, []
    if field_name == "search_description":
        measured = f"The meta description is {len(text)} characters"
    else:
        measured = f"Meta description empty; measured the fallback: {label}, {len(text)} characters"
    if len(text) < DESCRIPTION_MIN:
        finding = Finding(
            "description_too_short", f"{measured}; write at least {DESCRIPTION_MIN}.", "search_description"
        )
    else:
        finding = Finding(
            "description_too_long", f"{measured}; keep it to {DESCRIPTION_MAX}.", "search_description"
        )
    return text, [finding]


def _image_fallback_label(model) -> str:
    names = [name for name in ("main_image", "hero_image") if hasattr(model, name)]
    if hasattr(model, "gallery_images"):
        return "the first gallery picture"
    return "the hero image" if "hero_image" in names else ""


def missing_product_properties(data: dict) -> list[str]:
    """Properties Google's Product rich result (merchant listing) requires that ``data`` lacks."""
    missing = [name for name in ("name", "image") if not data.get(name)]
    offer = data.get("offers") or {}
    if isinstance(offer, list):
        offer = offer[0] if offer else {}
    if not offer:
        return [*missing, "offers"]
    price = offer.get("price")
    try:
        if price in (None, "") or float(price) <= 0:
            missing.append("offers.price")
    except (TypeError, ValueError):
        missing.append("offers.price")
    currency = offer.get("priceCurrency") or ""
    if not re.fullmatch(r"[A-Z]{3}", currency):
        missing.append("offers.priceCurrency")
    if not str(offer.get("availability", "")).startswith("https://schema.org/"):
        missing.append("offers.availability")
    return missing


def _own_url(url_path: str, root_paths) -> str:
    for root in root_paths:
        if url_path.startswith(root.root_path):
            return root.root_url + url_path[len(root.root_path) - 1 :]
    return ""


@dataclass
class PageMeasure:
    model: type
    row: dict
    body: BodyFacts
    title: str = ""
    description: str = ""


def _page_findings(measure: PageMeasure, context: dict) -> list[Finding]:
    model, row, body = measure.model, measure.row, measure.body
    findings: list[Finding] = []

    measure.title, found = _title_findings(row)
    findings += found
    measure.description, found = _description_findings(row)
    findings += found

    if not row["has_own_image"]:
        fallback = _image_fallback_label(model)
        detail = f"; the fallback, {fallback}, is missing too" if fallback else ""
        findings.append(Finding("og_image_missing", f"No social sharing image{detail}.", "og_image"))

    if row.get("noindex"):
        findings.append(
            Finding("noindex", "Hidden from search engines and left out of the sitemap.", "noindex")
        )

    h1_in_body = sum(len(H1.findall(html)) for html in body.rich_text)
    if not (row.get("title") or "").strip():
        findings.append(
            Finding("h1_missing", "No H1: the template's H1 is the page title, which is empty.", "title")
        )
    elif h1_in_body:
        findings.append(
            Finding(
                "h1_duplicate",
                f"{1 + h1_in_body} H1 headings: the title plus {h1_in_body} in the body's rich text; "
                "make the body's headings H2.",
                "body",
            )
        )

    images = context["images"]
    shown = list(body.images)
    if row.get("hero_image_id") and model.__name__ == "StoryPage":
        shown.append((row["hero_image_id"], ""))
    for image_id, caption in shown:
        image = images.get(image_id)
        if image is not None and not caption.strip() and not image["description"].strip():
            findings.append(
                Finding(
                    "image_alt_missing",
                    f"Image “{image['title']}” has no alt text (no caption, no description); "
                    "its file title is used instead.",
                    f"image:{image_id}",
                )
            )
    embeds_without_alt = sum(
        1 for html in body.rich_text for embed in IMAGE_EMBED.findall(html) if EMPTY_ALT.search(embed)
    )
    if embeds_without_alt:
        findings.append(
            Finding(
                "image_alt_missing",
                f"{embeds_without_alt} image(s) in the body's rich text have an empty alt.",
                "body",
            )
        )

    if model.__name__ == "ProductPage":
        words = len((row.get("short_description") or "").split()) + body.words
        if words < context["thin_words"]:
            findings.append(
                Finding(
                    "thin_copy",
                    f"Only {words} words of product copy (short description and body); write at least "
                    f"{context['thin_words']}.",
                    "short_description",
                )
            )
        data = {
            "name": row.get("title"),
            "image": ["main image"] if context["has_gallery"].get(row["id"]) else [],
            "offers": {
                "price": row.get("price"),
                "priceCurrency": settings.SHOP_CURRENCY,
                "availability": "https://schema.org/InStock",
            },
        }
        missing = missing_product_properties(data)
        if missing:
            fix = "price" if "offers.price" in missing else "title"
            if "image" in missing:
                fix = "gallery_images"
            findings.append(
                Finding(
                    "product_data_invalid",
                    f"Product structured data lacks what Google requires: {', '.join(missing)}.",
                    fix,
                )
            )

    canonical = (row.get("canonical_url") or "").strip()
    own_url = _own_url(row["url_path"], context["root_paths"])
    if canonical and canonical.rstrip("/") != own_url.rstrip("/"):
        findings.append(
            Finding(
                "canonical_elsewhere",
                f"The canonical URL points to {canonical}, not to this page: search engines index that URL instead.",
                "canonical_url",
            )
        )

    linked = {int(pk) for html in body.rich_text for pk in PAGE_LINK.findall(html)}
    for pk in sorted(linked):
        target = context["link_targets"].get(pk)
        if target is None:
            findings.append(
                Finding("broken_link", f"The body links to page {pk}, which was deleted.", "body")
            )
        elif not target["live"]:
            findings.append(
                Finding(
                    "broken_link", f"The body links to “{target['title']}”, which is not published.", "body"
                )
            )
    return findings


def _batch_context(batch: list[PageMeasure]) -> dict:
    """What a batch's checks look up: images shown, link targets, galleries. Three queries at most."""
    image_ids = {image_id for m in batch for image_id, _ in m.body.images}
    image_ids |= {m.row["hero_image_id"] for m in batch if m.row.get("hero_image_id")}
    images = {}
    if image_ids:
        images = {
            row["id"]: row
            for row in get_image_model().objects.filter(pk__in=image_ids).values("id", "title", "description")
        }
    linked = {int(pk) for m in batch for html in m.body.rich_text for pk in PAGE_LINK.findall(html)}
    targets = {}
    if linked:
        targets = {row["id"]: row for row in Page.objects.filter(pk__in=linked).values("id", "title", "live")}
    has_gallery = {}
    products = [m.row["id"] for m in batch if hasattr(m.model, "gallery_images")]
    if products:
        model = next(m.model for m in batch if hasattr(m.model, "gallery_images"))
        rel = model.gallery_images.rel
        owners = rel.related_model.objects.filter(**{f"{rel.field.name}__in": products}).values_list(
            rel.field.attname, flat=True
        )
        has_gallery = dict.fromkeys(owners, True)
    return {
        "images": images,
        "link_targets": targets,
        "has_gallery": has_gallery,
        "root_paths": Site.get_site_root_paths(),
        "thin_words": thin_copy_words(),
    }


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
        for rows in _live_rows(model, wanted):
            batch = [PageMeasure(model, row, body_facts(model, row)) for row in rows]
            context = _batch_context(batch)
            entries = []
            for measure in batch:
                findings = _page_findings(measure, context)
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
    "redirects": set(),
    "title_hash": set(),
    "description_hash": set(),
}


def remeasure_on_commit(page_ids: Iterable[int] = (), redirects: bool = False) -> None:
    """Queue pages (and the redirects) for measuring once the transaction commits, each once."""
    _pending["pages"].update(page_ids)
    if redirects:
        _pending["redirects"].add(True)
    transaction.on_commit(_flush)


def forget_on_commit(page_id: int) -> None:
    """A page is about to be deleted, its entry with it: its twins' flags need a look after the commit."""
    for title_hash, description_hash in SeoAuditEntry.objects.filter(page_id=page_id).values_list(
        "title_hash", "description_hash"
    ):
        _pending["title_hash"].add(title_hash)
        _pending["description_hash"].add(description_hash)
    remeasure_on_commit([page_id], redirects=True)


def _flush() -> None:
    taken = dict(_pending)
    for key in _pending:
        _pending[key] = set()
    if taken["pages"]:
        measure_pages(taken["pages"] | _referrers(taken["pages"]))
    if taken["title_hash"] or taken["description_hash"]:
        refresh_shared_flags(
            {"title_hash": taken["title_hash"], "description_hash": taken["description_hash"]}
        )
    if taken["redirects"]:
        measure_redirects()


def measure_everything() -> tuple[int, int]:
    """Re-measure every live page and every redirect: (pages, redirects)."""
    return measure_pages(), measure_redirects()


def _referrers(page_ids: set[int]) -> set[int]:
    """Pages whose content refers to these (their rich-text links may have broken or mended)."""
    from django.contrib.contenttypes.models import ContentType

    base = ContentType.objects.get_for_model(Page)
    refs = ReferenceIndex.objects.filter(to_content_type=base, to_object_id__in=[str(pk) for pk in page_ids])
    return {int(pk) for pk in refs.filter(base_content_type=base).values_list("object_id", flat=True)}
