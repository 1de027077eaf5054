"""Product drawings for the demo pictures: simple shaded shapes that read as the thing a title names.

``subjects_for(title)`` finds what a title is about ("Fjord chef's knife, walnut" is a
knife with a walnut handle) and ``draw_subjects`` draws it: each part is a flat shape
filled with a shaded ramp of its colour (lit from the upper left), standing on a pale
studio backdrop with a soft floor shadow.  Everything is seeded, so the same seed and
title always give the same pixels.
"""

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageOps

RGB = tuple[int, int, int]

# Drawn at twice the size and reduced: ImageDraw cannot antialias.
SUPERSAMPLE = 2

STEEL: RGB = (176, 182, 188)
GLASS: RGB = (200, 222, 228)
DARK: RGB = (46, 44, 44)
WOOD: RGB = (168, 122, 78)

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


class Canvas:
    """A square drawing area at supersampled size; shapes are given in 0–1 coordinates."""

    def __init__(self, size: int):
        self.size = size
        self.layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))

    def xy(self, *points: float) -> list[float]:
        return [value * self.size for value in points]

    def part(self, colour: RGB, shading: str, shape: Callable[[ImageDraw.ImageDraw], None]) -> None:
        """Draws one part: ``shape`` paints a mask, which is filled with ``colour`` shaded
        across the part's own bounds ("cylinder" left to right, "flat" top to bottom)."""
        mask = Image.new("L", self.layer.size, 0)
        shape(ImageDraw.Draw(mask))
        bounds = mask.getbbox()
        if bounds is None:
            return
        width, height = bounds[2] - bounds[0], bounds[3] - bounds[1]
        # Colour the small ramp, then stretch it: cheaper than colouring a part-sized one.
        shaded = ImageOps.colorize(
            _RAMPS[shading], black=_shade(colour, 0.55), white=_shade(colour, 1.35), mid=colour
        )
        # A ramp is one row or one column: smooth it along its length, then copy it across.
        along = (width, 1) if shaded.height == 1 else (1, height)
        shaded = shaded.resize(along, Image.Resampling.BILINEAR).resize(
            (width, height), Image.Resampling.NEAREST
        )
        self.layer.paste(shaded, bounds[:2], mask.crop(bounds))

    # The shapes every drawing is made of.
    def ellipse(self, box, colour: RGB, shading: str = "cylinder") -> None:
        self.part(colour, shading, lambda draw: draw.ellipse(self.xy(*box), fill=255))

    def rectangle(self, box, colour: RGB, shading: str = "cylinder", radius: float = 0.0) -> None:
        self.part(
            colour,
            shading,
            lambda draw: draw.rounded_rectangle(self.xy(*box), radius=radius * self.size, fill=255),
        )

    def polygon(self, points, colour: RGB, shading: str = "cylinder") -> None:
        self.part(colour, shading, lambda draw: draw.polygon(self.xy(*points), fill=255))

    def ring(self, box, colour: RGB, width: float, shading: str = "cylinder") -> None:
        self.part(
            colour,
            shading,
            lambda draw: draw.ellipse(self.xy(*box), outline=255, width=round(width * self.size)),
        )

    def arc(self, box, start: float, end: float, colour: RGB, width: float) -> None:
        self.part(
            colour,
            "cylinder",
            lambda draw: draw.arc(self.xy(*box), start, end, fill=255, width=round(width * self.size)),
        )

    def line(self, points, colour: RGB, width: float) -> None:
        self.part(
            colour,
            "cylinder",
            lambda draw: draw.line(self.xy(*points), fill=255, width=round(width * self.size), joint="curve"),
        )

    def cylinder(self, left: float, top: float, right: float, bottom: float, colour: RGB, rim: float) -> None:
        """An upright cylinder seen from slightly above: body, rounded base, and its top rim."""
        self.rectangle((left, top, right, bottom), colour)
        self.ellipse((left, bottom - rim, right, bottom + rim), colour)
        self.ellipse((left, top - rim, right, top + rim), _shade(colour, 1.15), "flat")

    def rotated(self, degrees: float) -> None:
        """Turns everything drawn so far about the centre (only its bounds: rotating the whole
        supersampled canvas would cost more than drawing it)."""
        bounds = self.layer.getbbox()
        if bounds is None:
            return
        turned = self.layer.crop(bounds).rotate(degrees, resample=Image.Resampling.BILINEAR, expand=True)
        self.layer = Image.new("RGBA", self.layer.size, (0, 0, 0, 0))
        self.layer.paste(turned, ((self.size - turned.width) // 2, (self.size - turned.height) // 2))


def _shade(colour: RGB, factor: float) -> RGB:
    if factor <= 1:
        return tuple(round(channel * factor) for channel in colour)
    # Lighter: move towards white rather than multiply, so dark colours still get a highlight.
    towards = factor - 1
    return tuple(round(channel + (255 - channel) * towards) for channel in colour)


def _cylinder(x: float) -> float:
    # Lit from the left: brightest a third of the way across, darkest at the far edge.
    if x <= 0.3:
        return 0.55 + 0.45 * math.sin(math.pi / 2 * x / 0.3)
    return 0.1 + 0.9 * math.cos(math.pi / 2 * (x - 0.3) / 0.7)


# Shading ramps that ``Canvas.part`` stretches over a part: 0 is the shadow, 255 the highlight.
_RAMPS = {
    "cylinder": Image.new("L", (256, 1)),
    # Lit from above: a gentle fall from top to bottom.
    "flat": Image.linear_gradient("L").resize((1, 256)).point(lambda v: 190 - v * 90 // 255),
    "backdrop": Image.linear_gradient("L").resize((1, 256)),
}
_RAMPS["cylinder"].putdata([round(255 * _cylinder(x / 255)) for x in range(256)])


def _lighter(colour: RGB) -> RGB:
    return _shade(colour, 1.25)


# The drawings, one per kind of thing; each fills roughly the middle 80 % of the canvas.
def draw_mug(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.ring((0.56, 0.38, 0.82, 0.66), colour, 0.05)
    c.cylinder(0.24, 0.3, 0.64, 0.78, colour, 0.05)
    c.ellipse((0.26, 0.265, 0.62, 0.335), _shade(colour, 0.45), "flat")


def draw_knife(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.08, 0.5, 0.2, 0.42, 0.58, 0.4, 0.58, 0.53, 0.3, 0.53), STEEL, "flat")
    c.line((0.2, 0.43, 0.58, 0.41), _lighter(STEEL), 0.008)
    c.rectangle((0.57, 0.395, 0.62, 0.535), (120, 124, 128), radius=0.01)
    c.rectangle((0.61, 0.41, 0.92, 0.52), colour, "flat", radius=0.04)
    for x in (0.68, 0.76, 0.84):
        c.ellipse((x, 0.455, x + 0.022, 0.477), STEEL, "flat")
    c.rotated(rng.uniform(15, 30))


def draw_pan(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.6, 0.5, 0.95, 0.56), _shade(colour, 0.8), "flat", radius=0.03)
    c.ellipse((0.06, 0.38, 0.66, 0.76), colour)
    c.ellipse((0.1, 0.4, 0.62, 0.7), _shade(colour, 0.6), "flat")


def draw_pot(c: Canvas, colour: RGB, rng: random.Random) -> None:
    for left in (0.14, 0.76):
        c.rectangle((left, 0.42, left + 0.1, 0.48), _shade(colour, 0.75), radius=0.03)
    c.cylinder(0.2, 0.38, 0.8, 0.76, colour, 0.07)
    c.ellipse((0.22, 0.3, 0.78, 0.42), _shade(colour, 1.1), "flat")
    c.ellipse((0.45, 0.26, 0.55, 0.33), DARK)


def draw_kettle(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.3, 0.6, 0.12, 0.38, 0.16, 0.36, 0.36, 0.52), colour)
    c.arc((0.3, 0.16, 0.7, 0.56), 190, 350, DARK, 0.035)
    c.ellipse((0.24, 0.32, 0.76, 0.82), colour)
    c.ellipse((0.42, 0.29, 0.58, 0.36), _shade(colour, 0.8), "flat")


def draw_press(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.ring((0.58, 0.36, 0.78, 0.66), colour, 0.04)
    c.line((0.5, 0.14, 0.5, 0.3), STEEL, 0.015)
    c.ellipse((0.46, 0.1, 0.54, 0.16), colour)
    c.cylinder(0.32, 0.3, 0.68, 0.8, GLASS, 0.04)
    c.rectangle((0.32, 0.5, 0.68, 0.8), (92, 58, 38), radius=0.02)
    c.rectangle((0.3, 0.26, 0.7, 0.32), colour, radius=0.02)
    c.rectangle((0.3, 0.78, 0.7, 0.84), colour, radius=0.02)


def draw_moka(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.3, 0.84, 0.7, 0.84, 0.62, 0.58, 0.38, 0.58), colour)
    c.rectangle((0.36, 0.55, 0.64, 0.6), _shade(colour, 0.7))
    c.polygon((0.38, 0.55, 0.62, 0.55, 0.68, 0.3, 0.32, 0.3), colour)
    c.polygon((0.3, 0.32, 0.22, 0.24, 0.35, 0.3), colour)
    c.line((0.68, 0.34, 0.82, 0.4, 0.8, 0.56, 0.64, 0.56), DARK, 0.04)
    c.ellipse((0.46, 0.22, 0.54, 0.28), DARK)
    c.ellipse((0.32, 0.27, 0.68, 0.33), _shade(colour, 1.1), "flat")


def draw_mill(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.38, 0.86, 0.62, 0.86, 0.58, 0.55, 0.62, 0.3, 0.38, 0.3, 0.42, 0.55), colour)
    c.ellipse((0.38, 0.83, 0.62, 0.89), colour)
    c.rectangle((0.37, 0.27, 0.63, 0.32), STEEL)
    c.ellipse((0.44, 0.14, 0.56, 0.27), colour)
    c.line((0.5, 0.2, 0.74, 0.14), STEEL, 0.015)
    c.ellipse((0.71, 0.1, 0.79, 0.17), WOOD)


def draw_bottle(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.35, 0.3, 0.65, 0.86), colour, radius=0.09)
    c.rectangle((0.4, 0.2, 0.6, 0.33), colour, radius=0.03)
    c.rectangle((0.39, 0.12, 0.61, 0.22), DARK, radius=0.03)
    c.rectangle((0.35, 0.52, 0.65, 0.56), _shade(colour, 0.8))


def draw_lamp(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.ellipse((0.22, 0.8, 0.5, 0.88), colour)
    c.line((0.36, 0.84, 0.28, 0.48, 0.58, 0.26), colour, 0.025)
    c.ellipse((0.25, 0.45, 0.31, 0.51), STEEL)
    c.polygon((0.52, 0.16, 0.62, 0.2, 0.86, 0.5, 0.6, 0.58), colour)
    c.ellipse((0.6, 0.47, 0.86, 0.6), (255, 236, 170), "flat")


def draw_board(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.1, 0.6, 0.56, 0.8, 0.92, 0.5, 0.46, 0.34, 0.1, 0.6), _shade(colour, 0.7), "flat")
    c.polygon((0.1, 0.55, 0.56, 0.74, 0.92, 0.45, 0.46, 0.29), colour, "flat")
    c.ellipse((0.7, 0.38, 0.78, 0.42), _shade(colour, 0.5), "flat")


def draw_tray(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.08, 0.56, 0.56, 0.78, 0.94, 0.5, 0.46, 0.3), _shade(colour, 0.8), "flat")
    c.polygon((0.14, 0.55, 0.56, 0.72, 0.88, 0.49, 0.46, 0.34), _shade(colour, 0.6), "flat")
    c.polygon((0.08, 0.56, 0.56, 0.78, 0.56, 0.84, 0.08, 0.62), colour, "flat")
    c.polygon((0.56, 0.78, 0.94, 0.5, 0.94, 0.56, 0.56, 0.84), _shade(colour, 0.7), "flat")


def draw_basket(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.arc((0.22, 0.16, 0.78, 0.8), 180, 360, _shade(colour, 0.8), 0.04)
    c.part(colour, "cylinder", lambda draw: draw.chord(c.xy(0.12, 0.2, 0.88, 0.9), 0, 180, fill=255))
    for y in (0.62, 0.7, 0.78):
        c.line((0.16, y, 0.84, y), _shade(colour, 0.75), 0.012)
    c.ellipse((0.12, 0.5, 0.88, 0.6), _shade(colour, 1.1), "flat")


def draw_spoon(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.38, 0.47, 0.92, 0.53), colour, "flat", radius=0.03)
    c.ellipse((0.1, 0.4, 0.42, 0.6), colour)
    c.ellipse((0.14, 0.43, 0.38, 0.57), _shade(colour, 0.8), "flat")
    c.rotated(rng.uniform(20, 35))


def draw_tongs(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.line((0.88, 0.5, 0.12, 0.4), STEEL, 0.03)
    c.line((0.88, 0.5, 0.12, 0.6), STEEL, 0.03)
    c.line((0.86, 0.5, 0.56, 0.46), colour, 0.045)
    c.line((0.86, 0.5, 0.56, 0.54), colour, 0.045)
    c.rotated(rng.uniform(10, 25))


def draw_whisk(c: Canvas, colour: RGB, rng: random.Random) -> None:
    for top, bottom in ((0.1, 0.9), (0.2, 0.8), (0.3, 0.7)):
        c.ring((0.08, top, 0.7, bottom), STEEL, 0.012)
    c.rectangle((0.64, 0.45, 0.94, 0.55), colour, "flat", radius=0.05)
    c.rotated(rng.uniform(20, 35))


def draw_bowl(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.line((0.52, 0.58, 0.74, 0.18), _shade(colour, 0.9), 0.06)
    c.part(colour, "cylinder", lambda draw: draw.chord(c.xy(0.16, 0.3, 0.84, 0.88), 0, 180, fill=255))
    c.ellipse((0.16, 0.52, 0.84, 0.66), _shade(colour, 1.1), "flat")
    c.ellipse((0.2, 0.54, 0.8, 0.64), _shade(colour, 0.6), "flat")
    c.line((0.5, 0.6, 0.66, 0.32), _shade(colour, 0.9), 0.06)


def draw_grill(c: Canvas, colour: RGB, rng: random.Random) -> None:
    for points in ((0.34, 0.6, 0.24, 0.9), (0.66, 0.6, 0.76, 0.9), (0.5, 0.62, 0.5, 0.92)):
        c.line(points, DARK, 0.018)
    c.part(colour, "cylinder", lambda draw: draw.chord(c.xy(0.2, 0.3, 0.8, 0.72), 0, 180, fill=255))
    c.part(colour, "cylinder", lambda draw: draw.chord(c.xy(0.2, 0.2, 0.8, 0.62), 180, 360, fill=255))
    c.rectangle((0.2, 0.4, 0.8, 0.52), _shade(colour, 0.7))
    c.rectangle((0.44, 0.17, 0.56, 0.21), DARK, radius=0.02)


def draw_stove(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.cylinder(0.3, 0.5, 0.7, 0.84, colour, 0.06)
    c.rectangle((0.44, 0.36, 0.56, 0.5), STEEL)
    for angle in (0, 120, 240):
        end_x = 0.5 + 0.22 * math.cos(math.radians(angle))
        c.line((0.5, 0.36, end_x, 0.3), DARK, 0.02)
    c.ellipse((0.42, 0.32, 0.58, 0.38), (236, 120, 40), "flat")


def draw_stand(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.14, 0.56, 0.2, 0.8), _shade(colour, 0.8), radius=0.01)
    c.rectangle((0.8, 0.56, 0.86, 0.8), _shade(colour, 0.8), radius=0.01)
    c.polygon((0.08, 0.5, 0.92, 0.5, 0.88, 0.4, 0.12, 0.4), _shade(colour, 1.1), "flat")
    c.rectangle((0.08, 0.5, 0.92, 0.58), colour, "flat")


def draw_notebook(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.28, 0.18, 0.76, 0.84), (242, 238, 226), "flat", radius=0.02)
    c.rectangle((0.24, 0.16, 0.72, 0.82), colour, "flat", radius=0.02)
    c.rectangle((0.62, 0.16, 0.65, 0.82), _shade(colour, 0.55), "flat")
    c.rectangle((0.24, 0.16, 0.29, 0.82), _shade(colour, 0.8), "flat", radius=0.02)


def draw_pen(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.06, 0.5, 0.16, 0.46, 0.2, 0.5, 0.16, 0.54), (212, 176, 90), "flat")
    c.rectangle((0.18, 0.465, 0.5, 0.535), colour, radius=0.03)
    c.rectangle((0.5, 0.455, 0.94, 0.545), colour, radius=0.04)
    c.rectangle((0.52, 0.455, 0.55, 0.545), (212, 176, 90))
    c.rectangle((0.62, 0.43, 0.86, 0.45), (212, 176, 90), radius=0.01)
    c.rotated(rng.uniform(20, 35))


def draw_blanket(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.14, 0.56, 0.86, 0.84), colour, "flat", radius=0.05)
    c.rectangle((0.18, 0.34, 0.82, 0.6), _shade(colour, 1.1), "flat", radius=0.05)
    c.rectangle((0.22, 0.14, 0.78, 0.38), colour, "flat", radius=0.05)
    for x in (0.4, 0.6):
        c.line((x, 0.14, x, 0.84), _shade(colour, 1.4), 0.02)


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
    picture = ImageOps.colorize(_RAMPS["backdrop"], black=tint, white=_shade(tint, 0.88))
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
