"""No query breaks search: every input answers 200 with a sane page (or JSON), never a 500.

The same cases run on SQLite (FTS5 MATCH syntax) and on PostgreSQL (tsquery syntax)
in CI; both parsers choke on unbalanced quotes and operators when given raw text.
"""

import pytest
from django.urls import reverse

HOSTILE_QUERIES = [
    "",
    " ",
    "\t\n\r",
    "x" * 5000,
    "knife " * 1000,
    '"',
    '""',
    '"""',
    "'",
    "''",
    '"unterminated phrase',
    'chef "santoku knife',
    "'knife'",
    "don't",
    "a'b'c",
    "AND",
    "OR",
    "NOT knife",
    "knife AND pan",
    "knife OR",
    "-knife",
    "+knife",
    "knife*",
    "*",
    "^knife",
    "NEAR(knife pan)",
    "title:knife",
    "a:b:c",
    ":*",
    "knife:*",
    "knife:A",
    "knife <-> pan",
    "!knife",
    "!!",
    "knife & pan",
    "knife | pan",
    "(knife",
    "knife)",
    "((((((((((knife",
    "{knife}",
    "[knife]",
    "\\",
    "knife\\",
    "%",
    "%s %d %(name)s",
    "_",
    "\x00",
    "knife\x00pan",
    "\x00" * 100,
    "\x1b[31mred",
    "\u202eevil",
    "\ufeffknife",
    "\u200b",
    "😀",
    "🔪 knife",
    "👨‍👩‍👧",
    "ножи",
    "包丁",
    "סכין",
    "سكين",
    "नाइफ",
    "Ångström café naïve",
    "'; DROP TABLE wagtailcore_page; --",
    "1 OR 1=1",
    "knife' OR '1'='1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b>bold</b>",
    "&amp; &lt;",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "../../etc/passwd",
    "NULL",
    "None",
    "0",
    "-1",
    "1e309",
    "?q=knife&page=2",
]


def ids(value):
    return repr(value[:20]) + (f"…({len(value)})" if len(value) > 20 else "")


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=ids)
def test_search_page_answers_any_query(client, shelf, query):
    response = client.get(reverse("search"), {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert "</html>" in html
    if "<" in query:
        assert query not in html  # echoed escaped, never as markup


@pytest.mark.django_db
@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=ids)
def test_suggest_answers_any_query(client, shelf, query):
    response = client.get(reverse("search_suggest"), {"q": query})

    assert response.status_code == 200
    assert isinstance(response.json()["products"], list)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "knife", "page": "\x00"},
        {"q": "knife", "page": "99999999999999999999999"},
        {"q": "knife", "min_price": "\x00", "max_price": "NaN"},
        {"q": "knife", "min_price": "Infinity"},
        {"q": "knife", "category": "\x00"},
        {"q": "knife", "category": "1 OR 1=1"},
        {"q": "knife", "brand": "<script>"},
        {"q": "knife", "brand": "x" * 500},
        {"q": "knife", "sort": "\x00"},
        {"q": "knife", "in_stock": "\x00"},
        {"q": ["knife", '"']},
    ],
    ids=str,
)
def test_search_page_answers_any_other_parameter(client, shelf, params):
    response = client.get(reverse("search"), params)

    assert response.status_code in (200, 404)  # 404 only for a page number past the end
    if "page" not in params:
        assert response.status_code == 200
