"""Uploaded media from the local disk, for a site on one host without an S3 bucket.

Only the folders the public may see are served: image renditions (what pages show),
original images (the images API links them as ``download_url``; S3 serves them publicly
too) and avatars. Documents never are: they go through Wagtail's serve view, which
enforces private collections. Files are streamed, never read into memory, and carry
validators, so browsers and a proxy in front revalidate with a cheap 304.
"""

import mimetypes
import re
from os import stat_result
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import re_path
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

# Cache lifetime per top-level folder; any folder not listed here is not served.
# A rendition is never rewritten in place: its name carries its original's file name
# (unique on the storage while the original exists) and the filter spec, so a year is
# safe, as for media on S3 (AWS_S3_OBJECT_PARAMETERS). Originals and avatars can be
# replaced under a name seen before once their file was deleted: an hour, then a 304.
SERVED_FOLDERS = {
    "images": "public, max-age=31536000",
    "original_images": "public, max-age=3600",
    "avatars": "public, max-age=3600",
}
# Python 3.11 guesses these only where the host has a mime.types file that lists them.
for _type, _extension in [("image/avif", ".avif"), ("image/webp", ".webp"), ("image/heic", ".heic")]:
    mimetypes.add_type(_type, _extension)
RASTER_IMAGE_TYPES = {"image/avif", "image/gif", "image/heic", "image/jpeg", "image/png", "image/webp"}


def media_file(path: str) -> Path | None:
    """The file under MEDIA_ROOT that ``path`` names, if it is one the public may fetch."""
    if "\x00" in path or "\\" in path:
        return None
    parts = PurePosixPath(path).parts
    # No "..", no hidden files or folders, and only the listed top-level folders.
    if len(parts) < 2 or parts[0] not in SERVED_FOLDERS or any(part.startswith(".") for part in parts):
        return None
    root = Path(settings.MEDIA_ROOT).resolve()
    candidate = root.joinpath(*parts).resolve()
    if not candidate.is_relative_to(root / parts[0]) or not candidate.is_file():
        return None
    return candidate


def _validators(stat: stat_result) -> tuple[str, int]:
    """An ETag from the file's size and modification time, and its Last-Modified in seconds."""
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"', int(stat.st_mtime)


@require_safe
def serve_media(request, path: str) -> HttpResponse:
    """Stream one media file with its type, validators and cache lifetime; 304 when unchanged."""
    file_path = media_file(path)
    if file_path is None:
        raise Http404("No such media file.")
    stat = file_path.stat()
    etag, last_modified = _validators(stat)
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(last_modified),
        "Cache-Control": SERVED_FOLDERS[PurePosixPath(path).parts[0]],
        "X-Content-Type-Options": "nosniff",
    }
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        content_type, encoding = mimetypes.guess_type(file_path.name)
        if content_type not in RASTER_IMAGE_TYPES or encoding:
            # Anything but a raster image (an SVG's scripts, an HTML file) is a download,
            # never a document rendered on the site's own origin.
            content_type = "application/octet-stream"
            headers["Content-Disposition"] = "attachment"
        if request.method == "HEAD":
            response = HttpResponse(content_type=content_type)
            headers["Content-Length"] = str(stat.st_size)
        else:
            response = FileResponse(file_path.open("rb"), content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response


def media_urlpatterns() -> list:
    """The media view at MEDIA_URL when media lives on the local disk; nothing with S3."""
    local = settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    if not local or not settings.MEDIA_URL.startswith("/"):
        return []
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media")]
