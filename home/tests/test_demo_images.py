"""Generated demo pictures: deterministic, real image files, one record per title."""

import pytest
from wagtail.images import get_image_model

from home.demo.images import DEMO_COLLECTION_NAME, draw_picture, generate_image


def test_the_same_seed_draws_the_same_picture():
    assert draw_picture(7, (120, 80)).tobytes() == draw_picture(7, (120, 80)).tobytes()


def test_different_seeds_draw_different_pictures():
    assert draw_picture(7, (120, 80)).tobytes() != draw_picture(8, (120, 80)).tobytes()


def test_pictures_have_the_requested_size_and_are_not_flat():
    picture = draw_picture(3, (300, 200))

    assert picture.size == (300, 200)
    assert picture.mode == "RGB"
    assert len(picture.getcolors(maxcolors=300 * 200)) > 50


@pytest.mark.django_db
def test_generate_image_saves_a_wagtail_image_in_the_demo_collection():
    image = generate_image("Chef's knife", seed=11, size=(320, 240))

    assert (image.width, image.height) == (320, 240)
    assert image.collection.name == DEMO_COLLECTION_NAME
    assert image.file.name.endswith("chefs-knife-11.jpg")
    assert image.file_size == image.file.size
    assert len(image.file_hash) == 40
    assert image.get_rendition("fill-100x100").width == 100


@pytest.mark.django_db
def test_generate_image_reuses_the_image_with_the_same_title():
    first = generate_image("Chef's knife", seed=11, size=(320, 240))
    again = generate_image("Chef's knife", seed=11, size=(320, 240))

    assert again.pk == first.pk
    assert get_image_model().objects.count() == 1


@pytest.mark.django_db
def test_generate_image_redraws_a_file_that_went_missing():
    image = generate_image("Chef's knife", seed=11, size=(320, 240))
    image.file.storage.delete(image.file.name)

    redrawn = generate_image("Chef's knife", seed=11, size=(320, 240))

    assert redrawn.pk == image.pk
    assert redrawn.file.storage.exists(redrawn.file.name)
