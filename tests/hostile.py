"""Hostile text for property-based tests: quotes, minus signs, operators, control characters, any unicode.

Hypothesis runs derandomized (the examples follow from the test's source, so CI
runs the same inputs every time) and keeps no example database on disk. A failure
prints the failing input and a ``@reproduce_failure`` blob to paste in.
"""

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "shop",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    # The database fixtures are function-scoped on purpose: every example searches
    # the same catalogue, and nothing an example writes changes what the next may find.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("shop")

# Enough to find the shapes that break a parser, few enough to keep the suite fast.
PARSER_EXAMPLES = 200
DATABASE_EXAMPLES = 60

# The three inputs reported in issue 11: each raised a TypeError on PostgreSQL.
REPORTED_QUERIES = ['"knife" -', '-"knife"', "'a'--"]

PIECES = [
    '"',
    "'",
    "-",
    "--",
    "+",
    " AND ",
    " OR ",
    " NOT ",
    "AND",
    "OR",
    "NOT",
    "|",
    "&",
    "!",
    "*",
    ":",
    ":*",
    "(",
    ")",
    "<->",
    "\\",
    "%",
    "^",
    "~",
    "NEAR(",
    " ",
    "\t",
    "\n",
    "\r",
    "knife",
    "santoku",
    "pan",
    "a",
    "1",
    "don't",
    "\x00",
    "\x1b",
    "\x7f",
    "e\u0301",  # a combining acute accent
    "\u0301",
    "\u202e",  # right-to-left override
    "\u200f",
    "\u200b",
    "\ufeff",
    "סכין",
    "سكين",
    "包丁",
    "ножи",
    "😀",
    "🔪",
    "👨\u200d👩\u200d👧",
]

piece = st.sampled_from(PIECES)

hostile_text = st.one_of(
    # Mixes of the pieces that parsers choke on, in any order.
    st.lists(piece, max_size=25).map("".join),
    # The same, with arbitrary unicode in between (control characters included).
    st.lists(st.one_of(piece, st.text(max_size=4)), max_size=15).map("".join),
    st.text(max_size=40),
    # Very long input: pasted text, a script.
    st.builds(
        lambda text, times: text * times,
        st.lists(piece, min_size=1, max_size=4).map("".join),
        st.integers(50, 2000),
    ),
)
