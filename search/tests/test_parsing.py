"""Cleaning and parsing what shoppers type."""

import pytest
from wagtail.search.query import MATCH_NONE, And, Phrase, PlainText

from search.parsing import MAX_QUERY_LENGTH, autocomplete_text, clean_query, parse_query


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("", ""),
        (None, ""),
        ("   \t\n ", ""),
        ("  chef   knife ", "chef knife"),
        ("knife\x00", "knife"),
        ("kni\x00fe", "knife"),
        ("bread\x1bknife", "breadknife"),
        ("ножи 包丁 🔪", "ножи 包丁 🔪"),
        ('<script>alert("x")</script>', '<script>alert("x")</script>'),
    ],
)
def test_clean_query_drops_control_characters_and_collapses_whitespace(raw, text):
    assert clean_query(raw).text == text


def test_clean_query_cuts_long_input_and_says_so():
    cleaned = clean_query("knife " * 1000)

    assert cleaned.truncated
    assert len(cleaned.text) <= MAX_QUERY_LENGTH
    assert not clean_query("knife").truncated


def test_quoted_words_become_a_phrase_and_the_rest_must_all_match():
    query = parse_query('santoku "carbon steel"')

    assert isinstance(query, And)
    plain, phrase = query.subqueries
    assert isinstance(plain, PlainText) and plain.query_string == "santoku" and plain.operator == "and"
    assert isinstance(phrase, Phrase) and phrase.query_string == "carbon steel"


def test_a_colon_is_part_of_the_words_not_a_filter():
    query = parse_query("size:10")

    assert isinstance(query, PlainText)
    assert query.query_string == "size 10"


def test_nothing_but_quotes_matches_nothing():
    assert parse_query('""') is MATCH_NONE


def test_autocomplete_text_has_no_double_quotes():
    assert autocomplete_text('"chef  kn') == "chef kn"
