"""Product drawings for the demo pictures: simple shaded shapes that read as the thing a title names.

``subjects_for(title)`` finds what a title is about ("Fjord chef's knife, walnut" is a
knife with a walnut handle) and ``draw_subjects`` draws it: each part is a flat shape
filled with a shaded ramp of its colour (lit from the upper left), standing on a pale
studio backdrop with a soft floor shadow.  Everything is seeded, so the same seed and
title always give the same pixels.
"""

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from .shapes import (
    RAMPS,
    RGB,
    Canvas,
    draw_basket,
    draw_blanket,
    draw_board,
    draw_bottle,
    draw_bowl,
    draw_grill,
    draw_kettle,
    draw_knife,
    draw_lamp,
    draw_mill,
    draw_moka,
    draw_mug,
    draw_notebook,
    draw_pan,
    draw_pen,
    draw_pot,
    draw_press,
    draw_spoon,
    draw_stand,
    draw_stove,
    draw_tongs,
    draw_tray,
    draw_whisk,
    shade,
)

# Drawn at twice the size and reduced: ImageDraw cannot antialias.
SUPERSAMPLE = 2

# Colour words that product names carry (the variant after the comma), longest first when matched.
NAMED_COLOURS: dict[str, RGB] = {
    "black pakkawood": (48, 40, 40),
    "olive wood": (150, 118, 70),
    "matte black": (40, 40, 43),
    "brushed steel": (170, 174, 180),
    "forest green": (38, 92, 62),
    "walnut": (96, 64, 44),
    "oak": (184, 138, 88),
    "beech": (206, 168, 118),
    "olive": (108, 114, 60),
    "sand": (202, 180, 138),
    "graphite": (72, 74, 80),
    "white": (236, 234, 228),
    "brass": (192, 150, 64),
    "sage": (146, 168, 136),
    "ochre": (204, 140, 42),
    "navy": (36, 52, 98),
    "black": (34, 34, 36),
    "copper": (184, 112, 62),
}
# Colours for products whose name gives none; named, so the alt text can say which.
PALETTE: tuple[tuple[str, RGB], ...] = (
    ("tomato red", (200, 64, 52)),
    ("teal", (30, 120, 124)),
    ("mustard", (210, 164, 50)),
    ("slate blue", (82, 104, 150)),
    ("terracotta", (190, 98, 66)),
    ("cream", (232, 220, 196)),
    ("charcoal", (60, 62, 66)),
    ("forest green", (38, 92, 62)),
    ("dusty pink", (214, 150, 150)),
    ("steel grey", (150, 156, 162)),
)


@dataclass(frozen=True)
class Drawing:
    noun: str
    draw: Callable[[Canvas, RGB, random.Random], None]
    plural: bool = False


# What each phrase in a title is drawn as; the phrase names the picture in its alt text.
_DRAWINGS: dict[str, tuple[Callable, tuple[str, ...]]] = {
    "knife": (
        draw_knife,
        (
            "chef's knife",
            "santoku",
            "paring knife",
            "bread knife",
            "utility knife",
            "carving knife",
            "nakiri",
        ),
    ),
    "pan": (draw_pan, ("frying pan", "sauté pan", "grill pan", "wok")),
    "pot": (draw_pot, ("saucepan", "dutch oven", "stockpot", "camp pot set")),
    "tray": (draw_tray, ("loaf tin", "springform tin", "baking tray", "desk tray", "food box")),
    "board": (draw_board, ("baking stone", "cutting board", "desk pad")),
    "basket": (draw_basket, ("proving basket", "picnic basket")),
    "spoon": (draw_spoon, ("wooden spoon", "fish spatula", "spork")),
    "whisk": (draw_whisk, ("whisk",)),
    "mill": (draw_mill, ("pepper mill", "hand grinder", "electric burr grinder", "spice grinder")),
    "bowl": (draw_bowl, ("mortar and pestle",)),
    "press": (draw_press, ("pour-over dripper", "french press", "travel press", "cold brew jug")),
    "moka": (draw_moka, ("stovetop espresso maker",)),
    "kettle": (draw_kettle, ("teapot", "kettle")),
    "mug": (draw_mug, ("tea cup set", "infuser", "enamel mug", "pen cup", "chimney starter")),
    "stove": (draw_stove, ("camping stove",)),
    "grill": (draw_grill, ("charcoal grill",)),
    "tongs": (draw_tongs, ("grill tongs",)),
    "bottle": (draw_bottle, ("insulated bottle",)),
    "blanket": (draw_blanket, ("picnic blanket",)),
    "stand": (draw_stand, ("laptop stand", "monitor riser")),
    "lamp": (draw_lamp, ("desk lamp", "clip lamp", "task light")),
    "notebook": (draw_notebook, ("notebook", "weekly planner")),
    "pen": (draw_pen, ("fountain pen",)),
}
# Shop sections (category titles) are drawn as a few of the things they sell.
_SECTIONS: dict[str, tuple[str, ...]] = {
    "kitchen": ("pan", "knife", "spoon"),
    "knives": ("knife", "knife", "knife"),
    "cookware": ("pot", "pan", "pot"),
    "bakeware": ("tray", "basket", "board"),
    "utensils": ("spoon", "whisk", "mill"),
    "coffee & tea": ("press", "mug", "kettle"),
    "coffee makers": ("press", "moka", "mug"),
    "grinders": ("mill", "mill", "mill"),
    "teaware": ("kettle", "mug", "mug"),
    "outdoors": ("bottle", "stove", "basket"),
    "camp kitchen": ("stove", "mug", "pot"),
    "grilling": ("grill", "tongs", "pan"),
    "picnic": ("basket", "bottle", "blanket"),
    "home office": ("lamp", "notebook", "pen"),
    "desk accessories": ("stand", "tray", "mug"),
    "lighting": ("lamp", "lamp", "lamp"),
    "stationery": ("notebook", "pen", "notebook"),
}
KINDS: dict[str, Drawing] = {
    phrase: Drawing(noun=phrase, draw=draw, plural=phrase.endswith("tongs"))
    for draw, phrases in _DRAWINGS.values()
    for phrase in phrases
}
SHAPES: dict[str, Drawing] = {name: Drawing(noun=name, draw=draw) for name, (draw, _) in _DRAWINGS.items()}
_KIND_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(KINDS, key=len, reverse=True)) + r")\b"
)
_SECTION_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(s) for s in sorted(_SECTIONS, key=len, reverse=True)) + r")\b"
)
_COLOUR_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(name) for name in sorted(NAMED_COLOURS, key=len, reverse=True)) + r")\b"
)


@dataclass(frozen=True)
class Subject:
    """One thing in a picture: what it is and the colour it is drawn in."""

    drawing: Drawing
    colour_name: str
    colour: RGB

    @property
    def description(self) -> str:
        article = "" if self.drawing.plural else ("an " if self.drawing.noun[0] in "aeiou" else "a ")
        return f"{article}{self.drawing.noun} in {self.colour_name}"


def subjects_for(title: str, rng: random.Random, count: int = 1) -> list[Subject]:
    """What a picture titled ``title`` shows: ``count`` of the product kind it names, in the
    colour its name gives (else one from the palette), or a shop section as up to ``count``
    of its things; empty when the title names neither."""
    text = title.lower()
    named = _COLOUR_PATTERN.search(text.split(",", 1)[1] if "," in text else "")

    def colour() -> tuple[str, RGB]:
        if named:
            return named.group(1), NAMED_COLOURS[named.group(1)]
        return rng.choice(PALETTE)

    if kind := _KIND_PATTERN.search(text):
        return [Subject(KINDS[kind.group(1)], *colour()) for _ in range(count)]
    if section := _SECTION_PATTERN.search(text):
        return [Subject(SHAPES[shape], *colour()) for shape in _SECTIONS[section.group(1)][:count]]
    return []


def still_life(rng: random.Random, count: int) -> list[Subject]:
    """``count`` different things from the shop, for pictures whose title names none."""
    return [Subject(SHAPES[shape], *rng.choice(PALETTE)) for shape in rng.sample(sorted(SHAPES), k=count)]


def describe(subjects: list[Subject]) -> str:
    """Alt text for a drawing of ``subjects``: "Drawing of a chef's knife in walnut"."""
    parts = [subject.description for subject in subjects]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Drawing of {listed}"


def draw_subjects(subjects: list[Subject], seed: int, size: tuple[int, int]) -> Image.Image:
    """``subjects`` side by side on a studio backdrop, each in a square as tall as the picture."""
    rng = random.Random(seed)
    width, height = size
    big = (width * SUPERSAMPLE, height * SUPERSAMPLE)
    tint = rng.choice(((246, 242, 236), (238, 242, 244), (244, 240, 246), (240, 244, 238)))
    # Backdrop: a wall lightening towards the top, with a floor a shade darker.
    picture = ImageOps.colorize(RAMPS["backdrop"], black=tint, white=shade(tint, 0.88))
    picture = picture.resize((1, big[1]), Image.Resampling.BILINEAR).resize(big, Image.Resampling.NEAREST)

    cell = min(big[1], big[0] // len(subjects))
    top = (big[1] - cell) // 2
    gap = (big[0] - cell * len(subjects)) / (len(subjects) + 1)
    shadows = Image.new("L", (big[0] // 8, big[1] // 8), 0)
    shadow_draw = ImageDraw.Draw(shadows)
    layers = []
    for number, subject in enumerate(subjects):
        left = round(gap + number * (cell + gap))
        canvas = Canvas(cell)
        subject.drawing.draw(canvas, subject.colour, rng)
        bounds = canvas.layer.getbbox()
        if bounds:
            foot = (top + bounds[3]) / 8
            shadow_draw.ellipse(
                ((left + bounds[0]) / 8, foot - cell / 80, (left + bounds[2]) / 8, foot + cell / 80), fill=110
            )
        layers.append((left, canvas.layer))
    shadows = shadows.filter(ImageFilter.GaussianBlur(cell / 200)).resize(big, Image.Resampling.BILINEAR)
    picture.paste((70, 60, 50), (0, 0), shadows.point(lambda v: v // 2))
    for left, layer in layers:
        picture.paste(layer, (left, top), layer)
    return picture.reduce(SUPERSAMPLE)
