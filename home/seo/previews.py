"""The admin's search-result and share-card previews of any page.

Both are drawn from `home.seo.meta.page_head`, the data the page's own head tags are
rendered from, so a preview shows exactly what search engines and social networks get,
cut where they cut it.
"""

from django.template.response import TemplateResponse

from home.seo.meta import (
    CARD_DESCRIPTION_CHARS,
    CARD_TITLE_CHARS,
    SNIPPET_DESCRIPTION_CHARS,
    SNIPPET_TITLE_CHARS,
    display_url,
    page_head,
    rich_result_facts,
    truncated,
)

SEO_PREVIEW_MODES = [("search", "Search result"), ("social", "Share card")]


def _shown(text: str, limit: int) -> dict:
    shown = truncated(text, limit)
    return {"full": text, "shown": shown, "length": len(text), "limit": limit, "cut": shown != text}


def seo_preview_response(page, request, mode: str) -> TemplateResponse:
    context = page.get_context(request)
    head = page_head(page, request, context)
    if mode == "search":
        template = "home/previews/search_result.html"
        extra = {
            "title": _shown(head.title, SNIPPET_TITLE_CHARS),
            "description": _shown(head.description, SNIPPET_DESCRIPTION_CHARS),
            "display_url": display_url(head.canonical),
            "facts": rich_result_facts(head.structured_data),
        }
    else:
        template = "home/previews/share_card.html"
        extra = {
            "title": _shown(head.title, CARD_TITLE_CHARS),
            "description": _shown(head.description, CARD_DESCRIPTION_CHARS),
        }
    return TemplateResponse(request, template, {"page": page, "head": head, **extra})
