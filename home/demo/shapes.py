"""The things the demo pictures show, drawn on a ``Canvas`` of shaded parts.

Each ``draw_*`` function draws one kind of thing (a knife, a mug, a desk lamp) in 0–1
coordinates, so it fits any square; each part is a flat Pillow shape filled with a ramp
of its colour: a cylinder lit from the left, or a surface lit from above.
"""

import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageOps

RGB = tuple[int, int, int]

STEEL: RGB = (176, 182, 188)
GLASS: RGB = (200, 222, 228)
DARK: RGB = (46, 44, 44)
WOOD: RGB = (168, 122, 78)


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
            RAMPS[shading], black=shade(colour, 0.55), white=shade(colour, 1.35), mid=colour
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
        self.ellipse((left, top - rim, right, top + rim), shade(colour, 1.15), "flat")

    def rotated(self, degrees: float) -> None:
        """Turns everything drawn so far about the centre (only its bounds: rotating the whole
        supersampled canvas would cost more than drawing it)."""
        bounds = self.layer.getbbox()
        if bounds is None:
            return
        turned = self.layer.crop(bounds).rotate(degrees, resample=Image.Resampling.BILINEAR, expand=True)
        self.layer = Image.new("RGBA", self.layer.size, (0, 0, 0, 0))
        self.layer.paste(turned, ((self.size - turned.width) // 2, (self.size - turned.height) // 2))


def shade(colour: RGB, factor: float) -> RGB:
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
RAMPS = {
    "cylinder": Image.new("L", (256, 1)),
    # Lit from above: a gentle fall from top to bottom.
    "flat": Image.linear_gradient("L").resize((1, 256)).point(lambda v: 190 - v * 90 // 255),
    "backdrop": Image.linear_gradient("L").resize((1, 256)),
}
RAMPS["cylinder"].putdata([round(255 * _cylinder(x / 255)) for x in range(256)])


def _lighter(colour: RGB) -> RGB:
    return shade(colour, 1.25)


# The drawings, one per kind of thing; each fills roughly the middle 80 % of the canvas.
def draw_mug(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.ring((0.56, 0.38, 0.82, 0.66), colour, 0.05)
    c.cylinder(0.24, 0.3, 0.64, 0.78, colour, 0.05)
    c.ellipse((0.26, 0.265, 0.62, 0.335), shade(colour, 0.45), "flat")


def draw_knife(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.08, 0.5, 0.2, 0.42, 0.58, 0.4, 0.58, 0.53, 0.3, 0.53), STEEL, "flat")
    c.line((0.2, 0.43, 0.58, 0.41), _lighter(STEEL), 0.008)
    c.rectangle((0.57, 0.395, 0.62, 0.535), (120, 124, 128), radius=0.01)
    c.rectangle((0.61, 0.41, 0.92, 0.52), colour, "flat", radius=0.04)
    for x in (0.68, 0.76, 0.84):
        c.ellipse((x, 0.455, x + 0.022, 0.477), STEEL, "flat")
    c.rotated(rng.uniform(15, 30))


def draw_pan(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.6, 0.5, 0.95, 0.56), shade(colour, 0.8), "flat", radius=0.03)
    c.ellipse((0.06, 0.38, 0.66, 0.76), colour)
    c.ellipse((0.1, 0.4, 0.62, 0.7), shade(colour, 0.6), "flat")


def draw_pot(c: Canvas, colour: RGB, rng: random.Random) -> None:
    for left in (0.14, 0.76):
        c.rectangle((left, 0.42, left + 0.1, 0.48), shade(colour, 0.75), radius=0.03)
    c.cylinder(0.2, 0.38, 0.8, 0.76, colour, 0.07)
    c.ellipse((0.22, 0.3, 0.78, 0.42), shade(colour, 1.1), "flat")
    c.ellipse((0.45, 0.26, 0.55, 0.33), DARK)


def draw_kettle(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.3, 0.6, 0.12, 0.38, 0.16, 0.36, 0.36, 0.52), colour)
    c.arc((0.3, 0.16, 0.7, 0.56), 190, 350, DARK, 0.035)
    c.ellipse((0.24, 0.32, 0.76, 0.82), colour)
    c.ellipse((0.42, 0.29, 0.58, 0.36), shade(colour, 0.8), "flat")


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
    c.rectangle((0.36, 0.55, 0.64, 0.6), shade(colour, 0.7))
    c.polygon((0.38, 0.55, 0.62, 0.55, 0.68, 0.3, 0.32, 0.3), colour)
    c.polygon((0.3, 0.32, 0.22, 0.24, 0.35, 0.3), colour)
    c.line((0.68, 0.34, 0.82, 0.4, 0.8, 0.56, 0.64, 0.56), DARK, 0.04)
    c.ellipse((0.46, 0.22, 0.54, 0.28), DARK)
    c.ellipse((0.32, 0.27, 0.68, 0.33), shade(colour, 1.1), "flat")


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
    c.rectangle((0.35, 0.52, 0.65, 0.56), shade(colour, 0.8))


def draw_lamp(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.ellipse((0.22, 0.8, 0.5, 0.88), colour)
    c.line((0.36, 0.84, 0.28, 0.48, 0.58, 0.26), colour, 0.025)
    c.ellipse((0.25, 0.45, 0.31, 0.51), STEEL)
    c.polygon((0.52, 0.16, 0.62, 0.2, 0.86, 0.5, 0.6, 0.58), colour)
    c.ellipse((0.6, 0.47, 0.86, 0.6), (255, 236, 170), "flat")


def draw_board(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.1, 0.6, 0.56, 0.8, 0.92, 0.5, 0.46, 0.34, 0.1, 0.6), shade(colour, 0.7), "flat")
    c.polygon((0.1, 0.55, 0.56, 0.74, 0.92, 0.45, 0.46, 0.29), colour, "flat")
    c.ellipse((0.7, 0.38, 0.78, 0.42), shade(colour, 0.5), "flat")


def draw_tray(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.08, 0.56, 0.56, 0.78, 0.94, 0.5, 0.46, 0.3), shade(colour, 0.8), "flat")
    c.polygon((0.14, 0.55, 0.56, 0.72, 0.88, 0.49, 0.46, 0.34), shade(colour, 0.6), "flat")
    c.polygon((0.08, 0.56, 0.56, 0.78, 0.56, 0.84, 0.08, 0.62), colour, "flat")
    c.polygon((0.56, 0.78, 0.94, 0.5, 0.94, 0.56, 0.56, 0.84), shade(colour, 0.7), "flat")


def draw_basket(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.arc((0.22, 0.16, 0.78, 0.8), 180, 360, shade(colour, 0.8), 0.04)
    c.part(colour, "cylinder", lambda draw: draw.chord(c.xy(0.12, 0.2, 0.88, 0.9), 0, 180, fill=255))
    for y in (0.62, 0.7, 0.78):
        c.line((0.16, y, 0.84, y), shade(colour, 0.75), 0.012)
    c.ellipse((0.12, 0.5, 0.88, 0.6), shade(colour, 1.1), "flat")


def draw_spoon(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.38, 0.47, 0.92, 0.53), colour, "flat", radius=0.03)
    c.ellipse((0.1, 0.4, 0.42, 0.6), colour)
    c.ellipse((0.14, 0.43, 0.38, 0.57), shade(colour, 0.8), "flat")
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
    c.line((0.52, 0.58, 0.74, 0.18), shade(colour, 0.9), 0.06)
    c.part(colour, "cylinder", lambda draw: draw.chord(c.xy(0.16, 0.3, 0.84, 0.88), 0, 180, fill=255))
    c.ellipse((0.16, 0.52, 0.84, 0.66), shade(colour, 1.1), "flat")
    c.ellipse((0.2, 0.54, 0.8, 0.64), shade(colour, 0.6), "flat")
    c.line((0.5, 0.6, 0.66, 0.32), shade(colour, 0.9), 0.06)


def draw_grill(c: Canvas, colour: RGB, rng: random.Random) -> None:
    for points in ((0.34, 0.6, 0.24, 0.9), (0.66, 0.6, 0.76, 0.9), (0.5, 0.62, 0.5, 0.92)):
        c.line(points, DARK, 0.018)
    c.part(colour, "cylinder", lambda draw: draw.chord(c.xy(0.2, 0.3, 0.8, 0.72), 0, 180, fill=255))
    c.part(colour, "cylinder", lambda draw: draw.chord(c.xy(0.2, 0.2, 0.8, 0.62), 180, 360, fill=255))
    c.rectangle((0.2, 0.4, 0.8, 0.52), shade(colour, 0.7))
    c.rectangle((0.44, 0.17, 0.56, 0.21), DARK, radius=0.02)


def draw_stove(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.cylinder(0.3, 0.5, 0.7, 0.84, colour, 0.06)
    c.rectangle((0.44, 0.36, 0.56, 0.5), STEEL)
    for angle in (0, 120, 240):
        end_x = 0.5 + 0.22 * math.cos(math.radians(angle))
        c.line((0.5, 0.36, end_x, 0.3), DARK, 0.02)
    c.ellipse((0.42, 0.32, 0.58, 0.38), (236, 120, 40), "flat")


def draw_stand(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.14, 0.56, 0.2, 0.8), shade(colour, 0.8), radius=0.01)
    c.rectangle((0.8, 0.56, 0.86, 0.8), shade(colour, 0.8), radius=0.01)
    c.polygon((0.08, 0.5, 0.92, 0.5, 0.88, 0.4, 0.12, 0.4), shade(colour, 1.1), "flat")
    c.rectangle((0.08, 0.5, 0.92, 0.58), colour, "flat")


def draw_notebook(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.28, 0.18, 0.76, 0.84), (242, 238, 226), "flat", radius=0.02)
    c.rectangle((0.24, 0.16, 0.72, 0.82), colour, "flat", radius=0.02)
    c.rectangle((0.62, 0.16, 0.65, 0.82), shade(colour, 0.55), "flat")
    c.rectangle((0.24, 0.16, 0.29, 0.82), shade(colour, 0.8), "flat", radius=0.02)


def draw_pen(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.polygon((0.06, 0.5, 0.16, 0.46, 0.2, 0.5, 0.16, 0.54), (212, 176, 90), "flat")
    c.rectangle((0.18, 0.465, 0.5, 0.535), colour, radius=0.03)
    c.rectangle((0.5, 0.455, 0.94, 0.545), colour, radius=0.04)
    c.rectangle((0.52, 0.455, 0.55, 0.545), (212, 176, 90))
    c.rectangle((0.62, 0.43, 0.86, 0.45), (212, 176, 90), radius=0.01)
    c.rotated(rng.uniform(20, 35))


def draw_blanket(c: Canvas, colour: RGB, rng: random.Random) -> None:
    c.rectangle((0.14, 0.56, 0.86, 0.84), colour, "flat", radius=0.05)
    c.rectangle((0.18, 0.34, 0.82, 0.6), shade(colour, 1.1), "flat", radius=0.05)
    c.rectangle((0.22, 0.14, 0.78, 0.38), colour, "flat", radius=0.05)
    for x in (0.4, 0.6):
        c.line((x, 0.14, x, 0.84), shade(colour, 1.4), 0.02)
