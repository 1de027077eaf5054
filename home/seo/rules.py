"""SEO rules shared by the head tags, the SEO workflow task and the audit report.

One set of rules, so the report, the approval task and the editor's guidance
never disagree about what a good title or description is.
"""

from dataclasses import dataclass

TITLE_MAX = 60
DESCRIPTION_MIN = 50
DESCRIPTION_MAX = 160
# The sharing image size social networks ask for.
OG_RENDITION = "fill-1200x630|format-jpeg"


# Every problem the SEO audit can report, in the order rows and the dashboard list them.
PROBLEM_LABELS = {
    "title_missing": "Missing title",
    "title_too_long": "Title too long",
    "title_duplicate": "Duplicate title",
    "description_missing": "Missing description",
    "description_too_short": "Description too short",
    "description_too_long": "Description too long",
    "description_duplicate": "Duplicate description",
    "og_image_missing": "No sharing image",
    "noindex": "Hidden from search engines",
    "h1_missing": "Missing H1",
    "h1_duplicate": "More than one H1",
    "image_alt_missing": "Image without alt text",
    "thin_copy": "Thin product copy",
    "canonical_elsewhere": "Canonical points elsewhere",
    "broken_link": "Broken internal link",
    "product_data_invalid": "Invalid product structured data",
    "redirect_chain": "Redirect chain",
    "redirect_404": "Redirect to a 404",
}


@dataclass(frozen=True)
class SeoProblem:
    code: str
    message: str


def effective_title(page) -> str:
    return (page.seo_title or page.title or "").strip()


def effective_description(page, default: str = "") -> str:
    """What the meta description will say: the SEO description, else the page's own summary.

    ``default`` (the site-wide one from the SEO settings) comes last; the audit leaves it
    out, because a page that leans on it shares its description with every other such page.
    """
    for candidate in (
        page.search_description,
        getattr(page, "short_description", ""),
        getattr(page, "intro", ""),
        default,
    ):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return ""


def seo_problems(page, *, has_og_image: bool | None = None) -> list[SeoProblem]:
    """The rules a page breaks. `has_og_image` may be given when the caller already knows it."""
    problems = []
    title = effective_title(page)
    if not title:
        problems.append(SeoProblem("title_missing", "The page has no title."))
    elif len(title) > TITLE_MAX:
        problems.append(
            SeoProblem("title_too_long", f"The SEO title is {len(title)} characters; keep it to {TITLE_MAX}.")
        )
    description = effective_description(page)
    if not description:
        problems.append(SeoProblem("description_missing", "The page has no meta description."))
    elif len(description) < DESCRIPTION_MIN:
        problems.append(
            SeoProblem(
                "description_too_short",
                f"The meta description is {len(description)} characters; write at least {DESCRIPTION_MIN}.",
            )
        )
    elif len(description) > DESCRIPTION_MAX:
        problems.append(
            SeoProblem(
                "description_too_long",
                f"The meta description is {len(description)} characters; keep it to {DESCRIPTION_MAX}.",
            )
        )
    if has_og_image is None:
        has_og_image = page_own_og_image(page) is not None
    if not has_og_image:
        problems.append(SeoProblem("og_image_missing", "The page has no social sharing image."))
    return problems


def page_own_og_image(page):
    """The page's sharing image without the site-wide default: its OG image, else its main picture."""
    image = getattr(page, "og_image", None)
    if image is not None:
        return image
    for attribute in ("main_image", "hero_image"):
        image = getattr(page, attribute, None)
        if image is not None:
            return image
    return None
