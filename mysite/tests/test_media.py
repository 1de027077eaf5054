"""Media on the local disk is served by mysite.media with DEBUG off, as on one production host."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from catalogue.tests.fixtures import make_image
from mysite.media import media_urlpatterns

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendition():
    return make_image("Knife").get_rendition("fill-200x200|format-webp")


def write_media(relative_path: str, content: bytes = b"data") -> str:
    path = settings.MEDIA_ROOT / relative_path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return f"{settings.MEDIA_URL}{relative_path}"


def test_a_rendition_is_streamed_with_its_type_validators_and_a_year_of_caching(client, rendition):
    assert not settings.DEBUG
    response = client.get(rendition.url)

    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == rendition.file.open("rb").read()
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_an_original_image_is_public_with_a_short_cache(client):
    image = make_image("Board")

    response = client.get(image.file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=3600"


def test_an_unchanged_file_answers_304_to_its_etag_or_its_date(client, rendition):
    first = client.get(rendition.url)

    by_etag = client.get(rendition.url, headers={"If-None-Match": first["ETag"]})
    by_date = client.get(rendition.url, headers={"If-Modified-Since": first["Last-Modified"]})

    for response in (by_etag, by_date):
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == first["ETag"]
        assert response["Cache-Control"] == "public, max-age=31536000"


def test_a_changed_file_gets_a_new_etag_and_a_full_answer(client):
    url = write_media("avatars/sam.png", b"first")
    old_etag = client.get(url)["ETag"]

    write_media("avatars/sam.png", b"second version")
    response = client.get(url, headers={"If-None-Match": old_etag})

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"second version"


def test_head_answers_the_headers_without_the_body(client, rendition):
    response = client.head(rendition.url)

    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(rendition.file.size)
    assert response["Content-Type"] == "image/webp"
    assert response["ETag"] == client.get(rendition.url)["ETag"]


def test_only_get_and_head_are_allowed(client, rendition):
    assert client.post(rendition.url).status_code == 405


@pytest.mark.parametrize(
    "path",
    [
        "images/../documents/secret.pdf",
        "images/%2e%2e/documents/secret.pdf",
        "images/..%2fdocuments/secret.pdf",
        "images/..\\documents\\secret.pdf",
        "/etc/passwd",
        "images//etc/passwd",
        "images/%00.png",
        "images/.hidden.png",
        "images/missing.png",
        "images/",
        "settings.py",
        "documents/secret.pdf",
    ],
)
def test_paths_outside_the_public_folders_are_not_found(client, path):
    write_media("documents/secret.pdf", b"%PDF private")
    write_media("images/.hidden.png")

    response = client.get(f"{settings.MEDIA_URL}{path}")

    assert response.status_code == 404
    assert b"private" not in response.content


def test_a_document_is_served_only_by_wagtails_view_which_keeps_private_collections_private(client):
    document = get_document_model().objects.create(
        title="Care guide", file=ContentFile(b"oil the blade", name="care.txt")
    )

    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"oil the blade"


def test_a_file_that_is_not_a_raster_image_is_a_download_not_a_page(client):
    url = write_media("images/drawing.svg", b"<svg onload='alert(1)'/>")

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"


def test_the_view_is_mounted_only_for_media_on_the_local_disk(settings):
    assert [pattern.name for pattern in media_urlpatterns()] == ["media"]
    assert reverse("media", kwargs={"path": "images/a.png"}) == "/media/images/a.png"

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    assert media_urlpatterns() == []
