"""Demo pictures that read as products: every kind draws, in its colour, the same way every time."""

import random
from io import BytesIO

import pytest

from home.demo.drawings import NAMED_COLOURS, SHAPES, describe, subjects_for
from home.demo.images import draw_titled, generate_image
from home.demo.shapes import Canvas


def jpeg_bytes(title: str, seed: int, size=(160, 160)) -> bytes:
    buffer = BytesIO()
    draw_titled(title, seed, size)[0].save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_shape_draws_a_sizeable_thing_inside_its_canvas(shape):
    canvas = Canvas(200)
    SHAPES[shape].draw(canvas, (120, 60, 40), random.Random(1))

    left, top, right, bottom = canvas.layer.getbbox()
    assert left > 0 and top > 0 and right < 200 and bottom < 200
    assert (right - left) * (bottom - top) > 0.15 * 200 * 200


def test_a_product_is_drawn_as_its_kind_in_the_colour_its_name_gives():
    subjects = subjects_for("Fjord chef's knife, walnut (DEMO-00001)", random.Random(0))

    assert [subject.drawing.noun for subject in subjects] == ["chef's knife"]
    assert subjects[0].colour == NAMED_COLOURS["walnut"]
    assert describe(subjects) == "Drawing of a chef's knife in walnut"


def test_a_colour_word_in_the_line_name_does_not_colour_the_product():
    # "Sable" and "Willow" are product lines; only the variant after the comma sets a colour.
    subjects = subjects_for("Willow enamel mug, olive (DEMO-00002)", random.Random(0))

    assert describe(subjects) == "Drawing of an enamel mug in olive"


def test_the_same_title_and_seed_give_byte_identical_pictures():
    assert jpeg_bytes("Atlas desk lamp, brass (DEMO-00003)", 5) == jpeg_bytes(
        "Atlas desk lamp, brass (DEMO-00003)", 5
    )


def test_another_seed_gives_another_picture():
    assert jpeg_bytes("Atlas french press, 3 cups", 5) != jpeg_bytes("Atlas french press, 3 cups", 6)


def test_a_wide_picture_that_names_nothing_is_a_still_life_of_three_things():
    picture, alt = draw_titled("Demo hero", 3, (320, 120))

    assert picture.size == (320, 120)
    assert alt.startswith("Drawing of ") and alt.count(" and ") == 1 and alt.count(",") == 1


def test_a_square_picture_that_names_nothing_stays_an_abstract_pattern():
    picture, alt = draw_titled("Brand logo: Nordhaus", 3, (100, 100))

    assert picture.size == (100, 100)
    assert alt == "Abstract pattern of soft overlapping shapes"


@pytest.mark.django_db
def test_generated_images_carry_their_alt_text_in_the_description():
    image = generate_image("Kiso teapot, large (DEMO-00004)", seed=2, size=(120, 120))

    assert image.description.startswith("Drawing of a teapot in ")
    assert image.default_alt_text == image.description
