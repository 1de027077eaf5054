"""A cached body cut at the visitor's bits: the plain join and the pre-compressed gzip say the same page."""

import gzip
import re

from django.middleware.csrf import CSRF_TOKEN_LENGTH
from hypothesis import example, given, settings
from hypothesis import strategies as st

from home.serving import cached_body
from home.serving.page_cache import SLOT_PLACEHOLDERS

CSRF = SLOT_PLACEHOLDERS[cached_body.CSRF]
CART = SLOT_PLACEHOLDERS[cached_body.CART]
TOKEN = b"T0k3n" * 12 + b"abcd"


def page(cards: int) -> str:
    card = '<li><form method="post"><input name="csrfmiddlewaretoken" value="{}"><b>Knife</b></form></li>'
    return (
        f"<!DOCTYPE html><header><span data-cart-count>{CART}</span></header><ul>"
        + "".join(card.format(CSRF) for _ in range(cards))
        + "</ul></html>"
    )


def expected(content: str, token: bytes, count: str) -> bytes:
    return content.replace(CSRF, token.decode()).replace(CART, count).encode()


def test_the_plain_body_carries_this_visitors_token_and_count():
    content = page(cards=24)
    body = cached_body.cut(content, "utf-8", SLOT_PLACEHOLDERS)
    assert len(body.slots) == 25 and body.has_csrf
    assert cached_body.assemble(body, TOKEN, b"3") == expected(content, TOKEN, "3")


def test_the_compressed_body_unpacks_to_the_page_with_this_visitors_token():
    content = page(cards=24)
    body = cached_body.cut(content, "utf-8", SLOT_PLACEHOLDERS)
    packed = cached_body.assemble_gzip(body, TOKEN)
    assert gzip.decompress(packed) == expected(content, TOKEN, "0")
    # The tokens travel as they are (5 bytes of block header each); the 24 cards around
    # them still compress against each other.
    tokens = 24 * (len(TOKEN) + 5)
    assert len(packed) - tokens < (len(expected(content, TOKEN, "0")) - 24 * len(TOKEN)) / 5


def test_two_visitors_get_streams_that_differ_only_in_their_tokens_and_checksum():
    body = cached_body.cut(page(cards=3), "utf-8", SLOT_PLACEHOLDERS)
    other = b"Z" * CSRF_TOKEN_LENGTH
    mine, theirs = cached_body.assemble_gzip(body, TOKEN), cached_body.assemble_gzip(body, other)
    assert len(mine) == len(theirs)
    assert mine.count(TOKEN) == 3 and other not in mine and theirs.count(other) == 3


def test_only_an_empty_cart_gets_the_compressed_body():
    body = cached_body.cut(page(cards=1), "utf-8", SLOT_PLACEHOLDERS)
    assert cached_body.can_send_compressed(body, 0)
    assert not cached_body.can_send_compressed(body, 2)


def test_a_page_with_a_nul_byte_is_kept_plain_only():
    body = cached_body.cut(page(cards=1) + "\x00", "utf-8", SLOT_PLACEHOLDERS)
    assert body.gzip_pieces == () and not cached_body.can_send_compressed(body, 0)
    assert cached_body.assemble(body, TOKEN, b"0").endswith(b"\x00")


def test_a_page_without_forms_needs_no_token():
    content = "<!DOCTYPE html><p>Our story</p>" * 20
    body = cached_body.cut(content, "utf-8", SLOT_PLACEHOLDERS)
    assert not body.has_csrf
    assert gzip.decompress(cached_body.assemble_gzip(body, b"")) == content.encode()


text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)


# No deadline: compressing a page is quick, but this machine is shared and timing is not the point.
@settings(deadline=None)
@given(st.lists(st.tuples(text, st.sampled_from([CSRF, CART])), max_size=12), text, st.integers(0, 999))
@example([("a" * 80, CSRF), ("a" * 80, CSRF)], "a" * 80, 0)  # text that repeats across the slots
@example([(CSRF, CSRF)], CSRF, 0)  # a page quoting the placeholder text itself
def test_any_page_round_trips_plain_and_compressed(pieces, tail, count):
    content = "".join(before + slot for before, slot in pieces) + tail
    body = cached_body.cut(content, "utf-8", SLOT_PLACEHOLDERS)
    token = re.sub(rb"[^A-Za-z0-9]", b"q", TOKEN)
    assert cached_body.assemble(body, token, str(count).encode()) == expected(content, token, str(count))
    assert gzip.decompress(cached_body.assemble_gzip(body, token)) == expected(content, token, "0")
