"""Editors' placeholders in email wording: `{order_number}` is replaced by its value.

Only names from the email's own list are filled. The admin refuses wording with any
other name; wording that has one anyway (saved before a placeholder was retired) is
sent with it left out and a warning logged, never with an error.
"""

import logging
import re

logger = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}")


def placeholders_in(text: str) -> list[str]:
    """The placeholder names in `text`, in order of first appearance."""
    return list(dict.fromkeys(match.group(1) for match in PLACEHOLDER.finditer(text)))


def unknown_placeholders(text: str, known) -> list[str]:
    return [name for name in placeholders_in(text) if name not in known]


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known placeholder replaced; unknown ones are left out."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in values:
            return str(values[name])
        logger.warning("Email wording uses an unknown placeholder {%s}; left out", name)
        return ""

    return PLACEHOLDER.sub(replace, text)
