"""Fixtures for the account tests: a shopper, an administrator and in-memory images."""

import functools
import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import Site

from users.factories import DEFAULT_PASSWORD, UserFactory


def image_upload(name="avatar.png", image_format="PNG", size=(8, 8)):
    """A real image file made by Pillow in memory, as a browser would upload it."""
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, image_format)
    content_type = Image.MIME[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


@functools.cache
def huge_png_bytes(width=12_000, height=12_000) -> bytes:
    """A real PNG of many pixels that compresses to a few KB: one bit a pixel, all black."""
    buffer = BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header declares width × height, with next to no pixel data behind it.

    Nothing this size can be built in a test, and nothing should ever decode it: the
    header is all an upload check may read.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


def png_upload(content: bytes, name="avatar.png"):
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def shopper(db):
    return UserFactory(email="shopper@example.com", first_name="Sam", last_name="Shopper")


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific
