"""No query breaks search: every input answers 200 with a sane page (or JSON), never a 500.

The same cases run on SQLite (FTS5 MATCH syntax) and on PostgreSQL (tsquery syntax)
in CI; both parsers choke on unbalanced quotes and operators when given raw text.
"""

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import example, given, settings
from wagtail.search.utils import parse_query_string

from catalogue.models import ProductPage
from home.search_text import autocomplete_text, clean_query, parse_query
from search.selectors import ProductSearch, page_results, private_sections_q, product_suggestions, search_page
from tests.hostile import DATABASE_EXAMPLES, REPORTED_QUERIES, hostile_text

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
    *REPORTED_QUERIES,
    '"a" -',
    '-"a"',
    "- -",
    "knife -",
    '"-" knife',
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


@pytest.mark.django_db
@pytest.mark.parametrize("text", [*REPORTED_QUERIES, '"a" -', "- knife", "knife --"])
def test_the_backend_takes_wagtails_own_parse_of_a_lone_minus(shelf, text):
    """The admin's page search parses with Wagtail's parser, which keeps a PlainText of only ``-``."""
    _filters, query = parse_query_string(text, operator="and")

    found = {product.title for product in ProductPage.objects.live().search(query)}

    assert found <= {"Santoku knife", "Bread knife", "Frying pan"}
    # On PostgreSQL the lone minus drops out; SQLite's FTS5 keeps it as a phrase that
    # matches nothing (no error, and the shop's own parser never passes it on).
    if "knife" in text and connection.vendor == "postgresql":
        assert {"Santoku knife", "Bread knife"} <= found


def search_everything(text: str) -> None:
    """Every read behind /search/ and /search/suggest/, on the text as the views clean it and as it came."""
    cleaned = clean_query(text)
    if cleaned:
        page = search_page(cleaned.text, {"sort": "relevance"}, raw_page=1, with_promotions=True)
        assert page.found >= 0
    for sort in ("relevance", "price_asc"):
        product_search = ProductSearch(query=parse_query(text), filters={"sort": sort})
        result = product_search.result_page(1)
        assert len(result.ids) <= result.total
        product_search.brand_facets()
        product_search.category_facets()
    page_results(parse_query(text), private_sections_q())
    typed = autocomplete_text(cleaned.text)
    if typed:
        assert isinstance(product_suggestions(typed), list)


@pytest.mark.django_db
@example(REPORTED_QUERIES[0])
@example(REPORTED_QUERIES[1])
@example(REPORTED_QUERIES[2])
@settings(max_examples=DATABASE_EXAMPLES)
@given(text=hostile_text)
def test_search_selectors_answer_any_text(shelf, text):
    search_everything(text)


@pytest.mark.django_db
@example(REPORTED_QUERIES[0])
@example(REPORTED_QUERIES[1])
@example(REPORTED_QUERIES[2])
@settings(max_examples=DATABASE_EXAMPLES)
@given(text=hostile_text)
def test_search_views_answer_any_text(client, shelf, text):
    page = client.get(reverse("search"), {"q": text})
    suggestions = client.get(reverse("search_suggest"), {"q": text})

    assert page.status_code == 200
    assert "</html>" in page.content.decode()
    assert suggestions.status_code == 200
    assert isinstance(suggestions.json()["products"], list)


@pytest.mark.django_db
@pytest.mark.parametrize("text", REPORTED_QUERIES)
def test_the_admin_page_search_answers_a_lone_minus(admin_client, shelf, text):
    response = admin_client.get("/admin/pages/search/", {"q": text})

    assert response.status_code == 200
