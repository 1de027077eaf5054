"""Reading rendered HTML in tests: visible text, and ARIA references that point nowhere."""

import re
from html.parser import HTMLParser

ID_REFERENCE_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, id)
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ID_REFERENCE_ATTRIBUTES and value:
                self.references.extend((tag, name, ref) for ref in value.split())

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _collect(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def dangling_id_references(html: str) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, id) whose id no element in the page carries."""
    collector = _collect(html)
    return [reference for reference in collector.references if reference[2] not in collector.ids]


def id_references(html: str, attribute: str) -> list[str]:
    return [ref for _tag, name, ref in _collect(html).references if name == attribute]


def visible_text(html: str) -> str:
    """The page's text without tags, scripts or styles, whitespace collapsed."""
    return re.sub(r"\s+", " ", " ".join(_collect(html).text))
