"""What a reviewer must know before approving a page: broken SEO rules and shop-content problems.

One list feeds every place a reviewer looks: the editor's approve action (refused with
the list as an error), the workflow action modal, the editor's workflow message and the
dashboard's "Waiting on fixes" panel. Each problem names the field that fixes it, so
every place can link straight to it.

SEO rules always block approval. The shop checks (a featured product that is withdrawn
or sold out, an image without alt text) block, warn or stay silent as
``settings.SHOP_REVIEW_CHECKS`` says.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from home.seo.rules import seo_problems

BLOCK, WARN, OFF = "block", "warn", "off"

# The edit form field that fixes each SEO rule.
SEO_PROBLEM_FIELDS = {
    "title_missing": "title",
    "title_too_long": "seo_title",
    "description_missing": "search_description",
    "description_too_short": "search_description",
    "description_too_long": "search_description",
    "og_image_missing": "og_image",
}
# Field anchors in Wagtail's edit view: inputs carry id_<name>; a StreamField has no
# input of its own, so its panel's section is the target. Wagtail opens the tab that
# holds the anchored element.
STREAM_FIELD_ANCHOR = "panel-child-content-{name}-section"
STREAM_FIELDS = frozenset({"body"})


@dataclass(frozen=True)
class ReviewProblem:
    code: str
    message: str
    field: str
    blocking: bool


def check_level(code: str) -> str:
    return settings.SHOP_REVIEW_CHECKS.get(code, WARN)


def review_problems(page) -> list[ReviewProblem]:
    """Everything about ``page`` (as it would be published) a reviewer must see, blocking first."""
    problems = [
        ReviewProblem(
            problem.code,
            problem.message,
            SEO_PROBLEM_FIELDS.get(problem.code, "search_description"),
            blocking=True,
        )
        for problem in seo_problems(page)
    ]
    for code, message, field in shop_content_findings(page):
        level = check_level(code)
        if level != OFF:
            problems.append(ReviewProblem(code, message, field, blocking=level == BLOCK))
    return sorted(problems, key=lambda problem: not problem.blocking)


def shop_content_findings(page):
    """(code, message, field) for each withdrawn or sold-out product and alt-less image the page shows."""
    hero = getattr(page, "hero_image", None)
    if hero is not None and not hero.description.strip():
        yield image_finding(hero, "hero_image")
    body = getattr(page, "body", None)
    if not body:
        return
    for block in body:
        if block.block_type == "product":
            yield from product_findings(block.value["product"])
        for image in block_images(block):
            if not image.description.strip():
                yield image_finding(image, "body")


def product_findings(product):
    if product is None:
        yield ("withdrawn_product", "The page features a product that no longer exists.", "body")
    elif not product.live:
        yield (
            "withdrawn_product",
            f"The page features “{product.title}”, which is withdrawn (not live).",
            "body",
        )
    elif product.stock <= 0:
        yield ("sold_out_product", f"The page features “{product.title}”, which is sold out.", "body")


def block_images(block) -> list:
    value = block.value
    if block.block_type in ("image", "hero"):
        return [value["image"]] if value.get("image") else []
    if block.block_type == "gallery":
        return [image for image in value["images"] if image]
    return []


def image_finding(image, field):
    return (
        "image_without_alt_text",
        f"The image “{image.title}” has no alt text: add a description to it in the image library.",
        field,
    )


def field_anchor(field: str) -> str:
    return STREAM_FIELD_ANCHOR.format(name=field) if field in STREAM_FIELDS else f"id_{field}"


def field_url(page, field: str) -> str:
    """The page's edit view, scrolled to (and with the tab open on) the field that fixes a problem."""
    return f"{reverse('wagtailadmin_pages:edit', args=[page.pk])}#{field_anchor(field)}"


def problems_html(page, problems: list[ReviewProblem], *, same_page: bool = False):
    """The problems as a list of links to their fields; ``same_page`` links by anchor alone."""
    return format_html(
        '<ul class="review-problems">{}</ul>',
        format_html_join(
            "",
            '<li data-problem="{}">{}<a href="{}">{}</a></li>',
            (
                (
                    problem.code,
                    "" if problem.blocking else "Warning: ",
                    f"#{field_anchor(problem.field)}" if same_page else field_url(page, problem.field),
                    problem.message,
                )
                for problem in problems
            ),
        ),
    )
