"""Fixtures for the account tests: a shopper, an administrator and in-memory images."""

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


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def shopper(db):
    return UserFactory(email="shopper@example.com", first_name="Sam", last_name="Shopper")


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific
