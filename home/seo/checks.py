"""The SEO audit's checks: what one live page gets wrong, read from its stored columns.

Pure reading and judging, a batch of pages at a time; `home.seo.audit` stores the
findings and keeps them fresh. How each check is decided is explained there.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.seo.rules import DESCRIPTION_MAX, DESCRIPTION_MIN, TITLE_MAX

BATCH_SIZE = 1000

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


# --- Reading pages --------------------------------------------------------------------


def _own_image_expression(model) -> ExpressionWrapper:
    """SQL for `home.seo.rules.page_own_og_image(page) is not None`: an image of its own, by id."""
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


def live_rows(model, ids=None) -> Iterator[list[dict]]:
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


def page_findings(measure: PageMeasure, context: dict) -> list[Finding]:
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


def batch_context(batch: list[PageMeasure]) -> dict:
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
