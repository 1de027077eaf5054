"""A cached page's body, kept cut at the visitor's own bits and already gzip-compressed.

The page cache stores a page with placeholders where each visitor's CSRF token and cart
count go. Here that body becomes bytes cut at those slots, so a hit puts the visitor's
values back with one join, and a gzip stream made once per render, so a hit never
compresses anything:

- The compressor sees each token slot as 64 NUL bytes (a CSRF token's length) and its
  output for them is thrown away; each hit sends its own token in an uncompressed
  (stored) deflate block instead. Every back-reference the compressor made points into
  the page's own text (no page byte is NUL, so none can match the filler), and those
  bytes sit at the same offsets in the stream the visitor decompresses.
- The token is never compressed, so its length gives nothing away (BREACH); the rest of
  a cached page holds no secret.
- The cart count is baked in as 0, the count of nearly every anonymous visitor; a
  visitor with items in their cart gets the plain body, compressed on the way out.

RFC 1951 (deflate) and RFC 1952 (gzip) describe the stored block and the gzip frame.
"""

import re
import struct
import zlib
from dataclasses import dataclass

from django.middleware.csrf import CSRF_TOKEN_LENGTH

CSRF = "csrf"
CART = "cart"
# What the compressor sees in place of a token: a byte no HTML page contains.
TOKEN_FILLER = b"\x00" * CSRF_TOKEN_LENGTH
# The cart count the compressed body is made for.
COMPRESSED_CART_COUNT = 0
# Fixed gzip header: deflate, no flags, no time stamp, unknown OS (RFC 1952, 2.3).
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True)
class CutBody:
    """The page's bytes between the slots, and what goes in each slot (CSRF or CART)."""

    parts: tuple[bytes, ...]
    slots: tuple[str, ...]
    # Deflate pieces that a token goes between; empty when the page could not be compressed.
    gzip_pieces: tuple[bytes, ...] = ()

    @property
    def has_csrf(self) -> bool:
        return CSRF in self.slots


def cut(content: str, charset: str, placeholders: dict[str, str]) -> CutBody:
    """Cut ``content`` at each placeholder (its slot name => the placeholder text)."""
    by_text = {text: slot for slot, text in placeholders.items()}
    pattern = "(" + "|".join(map(re.escape, by_text)) + ")"
    pieces = re.split(pattern, content)
    parts = tuple(piece.encode(charset) for piece in pieces[0::2])
    slots = tuple(by_text[text] for text in pieces[1::2])
    return CutBody(parts=parts, slots=slots, gzip_pieces=_checked_gzip_pieces(parts, slots))


def assemble(body: CutBody, token: bytes, cart_count: bytes) -> bytes:
    """The plain body with this visitor's token and cart count in their slots, in one join."""
    values = {CSRF: token, CART: cart_count}
    out = [body.parts[0]]
    for slot, part in zip(body.slots, body.parts[1:], strict=True):
        out.append(values[slot])
        out.append(part)
    return b"".join(out)


def can_send_compressed(body: CutBody, cart_count: int) -> bool:
    return bool(body.gzip_pieces) and cart_count == COMPRESSED_CART_COUNT


def assemble_gzip(body: CutBody, token: bytes) -> bytes:
    """The gzip body with this visitor's token in stored blocks; ``can_send_compressed`` first."""
    if len(body.gzip_pieces) > 1 and len(token) != CSRF_TOKEN_LENGTH:
        raise ValueError("A token must fill its slot exactly.")
    stored_token = b"\x00" + struct.pack("<HH", len(token), len(token) ^ 0xFFFF) + token
    out = [GZIP_HEADER, body.gzip_pieces[0]]
    for piece in body.gzip_pieces[1:]:
        out.append(stored_token)
        out.append(piece)
    # The trailer's CRC covers the uncompressed page, this token included.
    crc, size = 0, 0
    for chunk in _plain_chunks(body, token):
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
    out.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(out)


def _plain_chunks(body: CutBody, token: bytes):
    cart = str(COMPRESSED_CART_COUNT).encode()
    yield body.parts[0]
    for slot, part in zip(body.slots, body.parts[1:], strict=True):
        yield token if slot == CSRF else cart
        yield part


def _gzip_pieces(parts: tuple[bytes, ...], slots: tuple[str, ...]) -> tuple[bytes, ...]:
    # The text between token slots, cart counts baked in.
    cart = str(COMPRESSED_CART_COUNT).encode()
    segments, current = [], [parts[0]]
    for slot, part in zip(slots, parts[1:], strict=True):
        if slot == CSRF:
            segments.append(b"".join(current))
            current = []
        else:
            current.append(cart)
        current.append(part)
    segments.append(b"".join(current))

    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    pieces = []
    for number, segment in enumerate(segments):
        if number:
            # The compressor's window must hold the token's 64 bytes where the visitor's
            # stream holds them; what it makes of the filler is dropped for a stored block.
            compressor.compress(TOKEN_FILLER)
            compressor.flush(zlib.Z_SYNC_FLUSH)
        last = number == len(segments) - 1
        pieces.append(
            compressor.compress(segment) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)
        )
    return tuple(pieces)


def _checked_gzip_pieces(parts: tuple[bytes, ...], slots: tuple[str, ...]) -> tuple[bytes, ...]:
    """The gzip pieces, or none if the page holds a NUL byte or the result does not round-trip."""
    if any(b"\x00" in part for part in parts):
        return ()
    pieces = _gzip_pieces(parts, slots)
    probe_token = b"x" * CSRF_TOKEN_LENGTH
    body = CutBody(parts=parts, slots=slots, gzip_pieces=pieces)
    expected = b"".join(_plain_chunks(body, probe_token))
    try:
        unpacked = zlib.decompress(assemble_gzip(body, probe_token), 16 + zlib.MAX_WBITS)
    except zlib.error:
        return ()
    return pieces if unpacked == expected else ()
