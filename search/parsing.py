"""A shopper's search text: cleaned once, then parsed into a query every search backend accepts."""

from dataclasses import dataclass

from wagtail.search.query import MATCH_NONE, SearchQuery
from wagtail.search.utils import parse_query_string

# The header's search box stops at this length; longer input (pasted text, scripts) is cut.
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class CleanQuery:
    text: str
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.text)


def clean_query(raw: str | None) -> CleanQuery:
    """Drop control characters (NUL included), collapse whitespace and cap the length.

    Anything else is a fair query: quotes, operators, markup and SQL are just text
    to the search backends, and templates escape it when they echo it.
    """
    printable = "".join(character for character in (raw or "") if character.isprintable())
    text = " ".join(printable.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return CleanQuery(text)
    return CleanQuery(text[:MAX_QUERY_LENGTH].rstrip(), truncated=True)


def parse_query(text: str) -> SearchQuery:
    """Words must all match; "quoted words" must match as a phrase.

    Wagtail's parser would also read ``word:value`` as a filter and drop it from the
    text; shoppers mean the words (``size:10``), so colons become spaces first.
    """
    _filters, query = parse_query_string(text.replace(":", " "), operator="and", zero_terms=MATCH_NONE)
    return query


def autocomplete_text(text: str) -> str:
    """Autocomplete matches plain words only; a stray double quote would break SQLite's FTS syntax."""
    return " ".join(text.replace('"', " ").replace(":", " ").split())
