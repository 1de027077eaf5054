"""A shopper's search text: cleaned once, then parsed into a query every search backend accepts."""

from dataclasses import dataclass

from wagtail.search.query import MATCH_NONE, And, Or, Phrase, PlainText, SearchQuery
from wagtail.search.utils import AND, OR, parse_query_string

# The header's search box stops at this length; longer input (pasted text, scripts) is cut.
MAX_QUERY_LENGTH = 200
# The database backends nest one SQL expression per term, and Python recursion runs
# out at several hundred; no shopper types more than this many words.
MAX_TERMS = 32


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
    text = " ".join(_printable(raw or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return CleanQuery(text)
    return CleanQuery(text[:MAX_QUERY_LENGTH].rstrip(), truncated=True)


def _printable(text: str) -> str:
    return "".join(character for character in text if character.isprintable())


def parse_query(text: str, operator: str = "and") -> SearchQuery:
    """Words must all match (or any, with ``operator="or"``); "quoted words" must match as a phrase.

    Wagtail's parser would also read ``word:value`` as a filter and drop it from the
    text; shoppers mean the words (``size:10``), so colons become spaces first.

    The result is MATCH_NONE, or one PlainText or Phrase, or an And (an Or) of them; each
    holds only words (see ``is_word``): no backend indexes a lone ``-`` or ``*``, and
    PostgreSQL's compiler turns a PlainText with nothing but such marks into None,
    which it cannot combine with the rest of the query (a TypeError, so a 500).
    Words past the first MAX_TERMS are left out.
    """
    _filters, parsed = parse_query_string(text.replace(":", " "), operator=operator, zero_terms=MATCH_NONE)
    parts, budget = [], MAX_TERMS
    for conjunct in _parts(parsed):
        part = _words_only(conjunct, budget, operator)
        if part is not None:
            parts.append(part)
            budget -= len(part.query_string.split())
    if not parts:
        return MATCH_NONE
    return OR(parts) if operator == "or" else AND(parts)


def is_word(term: str) -> bool:
    """A term some backend can match: it has a letter or a digit (punctuation and symbols are separators to all)."""
    return any(character.isalnum() for character in term)


def words(text: str) -> list[str]:
    """The terms of ``text`` that can match, control characters dropped as ``clean_query`` drops them."""
    return [term for term in _printable(text).split() if is_word(term)]


def _parts(query: SearchQuery) -> list[SearchQuery]:
    """The PlainText and Phrase parts of what Wagtail's parser returned (an And or Or tree, one part, or MATCH_NONE)."""
    if isinstance(query, (And, Or)):
        return [part for subquery in query.subqueries for part in _parts(subquery)]
    return [query] if isinstance(query, (PlainText, Phrase)) else []


def _words_only(query: PlainText | Phrase, limit: int, operator: str) -> PlainText | Phrase | None:
    terms = words(query.query_string)[:limit]
    if not terms:
        return None
    if isinstance(query, Phrase):
        return Phrase(" ".join(terms))
    return PlainText(" ".join(terms), operator=operator)


def autocomplete_text(text: str) -> str:
    """Autocomplete matches plain words only; a stray double quote would break SQLite's FTS syntax."""
    return " ".join(words(text.replace('"', " ").replace(":", " ")))
