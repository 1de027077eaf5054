"""Cleaning and parsing what shoppers type."""

import pytest
from hypothesis import example, given, settings
from wagtail.search.query import MATCH_NONE, And, Or, Phrase, PlainText

from home.search_text import MAX_QUERY_LENGTH, MAX_TERMS, autocomplete_text, clean_query, is_word, parse_query
from tests.hostile import PARSER_EXAMPLES, hostile_text


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


@pytest.mark.parametrize("text", ['"knife" -', '-"knife"', "'a'--"])
def test_a_lone_minus_beside_a_phrase_is_dropped_not_kept_as_an_empty_term(text):
    query = parse_query(text)

    assert isinstance(query, Phrase)
    assert query.query_string in ("knife", "a")


@pytest.mark.parametrize("text", ["-", "--", "- * | & !", '"-"', "'!'", "😀", "\x00"])
def test_text_without_letters_or_digits_matches_nothing(text):
    assert parse_query(text) is MATCH_NONE


def test_autocomplete_text_keeps_only_words():
    assert autocomplete_text("chef - kn*") == "chef kn*"
    assert autocomplete_text("- -") == ""


def test_words_past_the_limit_are_left_out():
    query = parse_query("knife " * 500 + '"carbon steel"')

    assert isinstance(query, PlainText)
    assert query.query_string.split() == ["knife"] * MAX_TERMS


def leaves(query):
    if isinstance(query, (And, Or)):
        assert query.subqueries, "an And with no parts"
        return [leaf for subquery in query.subqueries for leaf in leaves(subquery)]
    return [query]


@example(text='"knife" -')
@example(text='-"knife"')
@example(text="'a'--")
@example(text='"a" -')
@example(text='-"a"')
@settings(max_examples=PARSER_EXAMPLES)
@given(text=hostile_text)
@pytest.mark.parametrize("operator", ["and", "or"])
def test_the_parser_turns_any_text_into_a_query_of_words(operator, text):
    query = parse_query(text, operator=operator)

    printable = "".join(character for character in text if character.isprintable())
    if query is MATCH_NONE:
        assert not any(is_word(term) for term in printable.replace(":", " ").replace('"', " ").split())
        return
    assert sum(len(leaf.query_string.split()) for leaf in leaves(query)) <= MAX_TERMS
    for leaf in leaves(query):
        assert type(leaf) in (PlainText, Phrase)
        assert leaf.query_string == " ".join(leaf.query_string.split()) != ""
        assert '"' not in leaf.query_string
        assert leaf.query_string.isprintable()
        assert all(is_word(term) and term in printable for term in leaf.query_string.split())
        if isinstance(leaf, PlainText):
            assert leaf.operator == operator


@settings(max_examples=PARSER_EXAMPLES)
@given(hostile_text)
def test_autocomplete_text_is_plain_words(text):
    words = autocomplete_text(clean_query(text).text).split()

    assert all(is_word(word) and '"' not in word and ":" not in word for word in words)
