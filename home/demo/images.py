"""Pictures for demo content, drawn with Pillow: no network, no binary files in the repository.

``generate_image`` is shared by every demo loader (the home page hero, product, category
and story pictures), so it is deterministic per seed and quick: about a tenth of a second
for a 600x600 product drawing, encoding included.  A title that names a product kind or
a shop section is drawn as those things (``drawings``); a wide picture naming neither is
a still life of a few; a square one (a brand logo) stays an abstract pattern.
"""

import colorsys
import random
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from .drawings import describe, draw_subjects, still_life, subjects_for

DEMO_COLLECTION_NAME = "Demo data"
DEFAULT_SIZE = (1200, 800)


def _rgb(hue: float, lightness: float, saturation: float) -> tuple[int, int, int]:
    red, green, blue = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


def _premultiplied(rgb: tuple[int, int, int], alpha: int) -> tuple[int, int, int, int]:
    return (*(round(channel * alpha / 255) for channel in rgb), alpha)


def draw_picture(seed: int, size: tuple[int, int] = DEFAULT_SIZE) -> PillowImage.Image:
    """An abstract picture: a diagonal two-colour gradient with soft translucent shapes on top.

    The same seed always gives the same picture; the palette is built around one random
    hue so the colours agree with each other.
    """
    rng = random.Random(seed)
    width, height = size
    hue = rng.random()

    # Gradient: Pillow's ready-made 256x256 ramp mixed with itself turned sideways,
    # then stretched once, is far quicker than setting pixels one by one.
    down = PillowImage.linear_gradient("L")
    ramp = PillowImage.blend(down.transpose(PillowImage.Transpose.ROTATE_90), down, rng.uniform(0.3, 0.7))
    if rng.random() < 0.5:
        ramp = ramp.transpose(PillowImage.Transpose.FLIP_LEFT_RIGHT)
    ramp = ramp.resize(size, PillowImage.Resampling.BILINEAR)
    dark = PillowImage.new("RGB", size, _rgb(hue, 0.28, 0.55))
    light = PillowImage.new("RGB", size, _rgb(hue + rng.uniform(0.06, 0.18), 0.62, 0.65))
    picture = PillowImage.composite(light, dark, ramp)

    # ImageDraw cannot antialias, so shapes are drawn at twice the size and
    # scaled down, which smooths their edges.  The layer is premultiplied
    # ("RGBa") so the downscale skips two full-size conversions.
    overlay = PillowImage.new("RGBa", (width * 2, height * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    short_side = min(overlay.size)
    for _ in range(rng.randint(6, 10)):
        colour = _premultiplied(
            _rgb(hue + rng.uniform(-0.12, 0.3), rng.uniform(0.55, 0.9), 0.7), alpha=rng.randint(50, 140)
        )
        centre_x, centre_y = rng.uniform(0, overlay.width), rng.uniform(0, overlay.height)
        radius = rng.uniform(0.08, 0.35) * short_side
        box = (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius)
        shape = rng.choice(("circle", "ring", "square", "triangle"))
        if shape == "circle":
            draw.ellipse(box, fill=colour)
        elif shape == "ring":
            draw.ellipse(box, outline=colour, width=max(2, round(radius / 5)))
        elif shape == "square":
            draw.rounded_rectangle(box, radius=radius / 4, fill=colour)
        else:
            draw.regular_polygon((centre_x, centre_y, radius), 3, rotation=rng.uniform(0, 120), fill=colour)
    overlay = overlay.reduce(2).convert("RGBA")
    picture.paste(overlay, (0, 0), overlay)
    return picture


def draw_titled(title: str, seed: int, size: tuple[int, int] = DEFAULT_SIZE) -> tuple[PillowImage.Image, str]:
    """The picture for ``title`` and its alt text; the same title and seed give the same pixels."""
    rng = random.Random(f"{seed}:{title}")
    width, height = size
    wide = width >= 2 * height
    subjects = subjects_for(title, rng, count=3 if wide else 1) or (still_life(rng, 3) if wide else [])
    if not subjects:
        return draw_picture(seed, size), "Abstract pattern of soft overlapping shapes"
    return draw_subjects(subjects, seed, size), describe(subjects)


def demo_collection() -> Collection:
    """The collection every demo image goes into, so editors can tell demo pictures apart."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DEMO_COLLECTION_NAME).first()
    return existing or root.add_child(name=DEMO_COLLECTION_NAME)


def generate_image(title: str, seed: int, size: tuple[int, int] = DEFAULT_SIZE):
    """The Wagtail image titled ``title`` in the demo collection, drawn from ``seed`` if it is new.

    The title identifies a demo image, so loaders can call this on every run without
    piling up copies.  An image whose file has gone missing from storage (a wiped
    media folder next to a kept database) is drawn again into the same record.
    """
    Image = get_image_model()
    collection = demo_collection()
    image = Image.objects.filter(collection=collection, title=title).order_by("pk").first()
    if image is not None and image.file and image.file.storage.exists(image.file.name):
        return image

    picture, description = draw_titled(title, seed, size)
    buffer = BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    if image is None:
        image = Image(title=title, collection=collection)
    # Wagtail's description is the image's alt text (``default_alt_text``).
    image.description = description
    image.file_size = buffer.tell()
    buffer.seek(0)
    image.file_hash = hash_filelike(buffer)
    buffer.seek(0)
    image.file = ImageFile(buffer, name=f"{slugify(title) or 'demo'}-{seed}.jpg")
    image.save()
    return image
