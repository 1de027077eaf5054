"""Renditions are made when pictures are saved or start to be shown, not in a shopper's request (home.renditions)."""

from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.models import ProductGalleryImage
from catalogue.models.querysets import CARD_RENDITION_FILTERS
from catalogue.product_detail import GALLERY_RENDITIONS
from catalogue.tests.fixtures import add_product, make_image
from home.models import SeoSettings
from home.renditions import register_renditions, registered_groups, renditions_deferred, wanted_specs
from home.seo.meta import LOGO_RENDITION
from search.selectors import SUGGESTION_THUMBNAIL

pytestmark = pytest.mark.django_db

PRODUCT_SPECS = {*CARD_RENDITION_FILTERS, *GALLERY_RENDITIONS, SUGGESTION_THUMBNAIL}


def made_specs(image) -> set[str]:
    """The specs of ``image`` that have a rendition for its current focal point."""
    return {
        rendition.filter_spec
        for rendition in image.renditions.all()
        if rendition.focal_point_key == Filter(spec=rendition.filter_spec).get_cache_key(image)
    }


def png_upload(name: str, colour: str = "navy") -> SimpleUploadedFile:
    buffer = BytesIO()
    PillowImage.new("RGB", (320, 320), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_product_picture_gets_its_card_gallery_and_thumbnail_renditions_once_committed(
    knives, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product = add_product(knives)
        picture = product.gallery_images.get().image
        assert made_specs(picture) == set()  # not before the commit: a rolled-back save makes nothing

    assert made_specs(picture) == PRODUCT_SPECS


def test_a_picture_shown_nowhere_gets_no_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        picture = make_image("unused")

    assert made_specs(picture) == set()


def test_publishing_a_story_makes_its_hero_renditions(home_page, django_capture_on_commit_callbacks):
    picture = make_image("hero, uploaded earlier")
    story = StoryPageFactory(parent=StoryIndexPageFactory(parent=home_page, slug="stories"))
    assert made_specs(picture) == set()
    story.hero_image = picture

    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()

    assert {"fill-600x400|format-webp", "width-1200|format-webp", "width-1200|format-jpeg"} <= made_specs(
        picture
    )


def test_an_image_uploaded_in_the_admin_and_published_on_a_product_has_its_renditions(
    admin_client, knives, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:add"), {"title": "Chef's knife", "file": png_upload("chef.png")}
        )
    assert response.status_code == 302
    picture = get_image_model().objects.get(title="Chef's knife")
    product = add_product(knives, image=False)
    ProductGalleryImage.objects.create(page=product, image=picture)

    with django_capture_on_commit_callbacks(execute=True):
        product.save_revision().publish()

    assert made_specs(picture) == PRODUCT_SPECS


def test_replacing_a_pictures_file_in_the_admin_makes_renditions_of_the_new_file(
    admin_client, knives, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product = add_product(knives)
    picture = product.gallery_images.get().image
    old_files = set(picture.renditions.values_list("file", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:edit", args=[picture.pk]),
            {"title": picture.title, "file": png_upload("replacement.png", "orange")},
        )
    assert response.status_code == 302

    picture.refresh_from_db()
    assert made_specs(picture) == PRODUCT_SPECS
    assert old_files.isdisjoint(picture.renditions.values_list("file", flat=True))


def test_moving_the_focal_point_makes_renditions_for_the_new_crop(knives, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        picture = add_product(knives).gallery_images.get().image
    picture.focal_point_x, picture.focal_point_y, picture.focal_point_width, picture.focal_point_height = (
        10,
        10,
        40,
        40,
    )

    with django_capture_on_commit_callbacks(execute=True):
        picture.save()

    assert made_specs(picture) == PRODUCT_SPECS


def test_the_seo_logo_gets_the_organization_rendition_when_the_settings_are_saved(
    home_page, django_capture_on_commit_callbacks
):
    logo = make_image("logo")
    settings = SeoSettings.for_site(home_page.get_site())

    with django_capture_on_commit_callbacks(execute=True):
        settings.organisation_logo = logo
        settings.save()

    assert LOGO_RENDITION in made_specs(logo)


def test_saves_inside_a_deferred_block_queue_nothing(knives, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), renditions_deferred():
        picture = add_product(knives).gallery_images.get().image

    assert made_specs(picture) == set()


def test_make_renditions_backfills_old_pictures_with_a_progress_summary_and_is_idempotent(knives):
    # Saved outside a committed transaction (as before the registry existed): nothing made yet.
    pictures = [add_product(knives).gallery_images.get().image for _ in range(3)]
    assert all(made_specs(picture) == set() for picture in pictures)

    out = StringIO()
    call_command("make_renditions", stdout=out)

    assert all(made_specs(picture) == PRODUCT_SPECS for picture in pictures)
    assert f"Renditions: {3 * len(PRODUCT_SPECS)} made for 3 images" in out.getvalue()
    again = StringIO()
    call_command("make_renditions", stdout=again)
    assert "Renditions: 0 made for 3 images" in again.getvalue()


def test_a_picture_whose_file_is_gone_is_skipped_with_a_log_line(knives, caplog):
    broken = add_product(knives).gallery_images.get().image
    fine = add_product(knives).gallery_images.get().image
    broken.file.storage.delete(broken.file.name)

    call_command("make_renditions", stdout=StringIO())

    assert made_specs(broken) == set()
    assert made_specs(fine) == PRODUCT_SPECS
    assert f"Renditions of image {broken.pk} not made" in caplog.text


def test_every_registered_spec_is_a_valid_filter_and_groups_are_named_by_app():
    names = {group.name for group in registered_groups()}
    assert {"catalogue.product_gallery", "catalogue.story_hero", "home.organisation_logo"} <= names
    for group in registered_groups():
        assert group.specs, group.name
        for spec in group.specs:
            assert Filter(spec=spec).operations


def test_an_unknown_spec_is_refused_at_registration():
    from wagtail.images.exceptions import InvalidFilterSpecError

    with pytest.raises(InvalidFilterSpecError):
        register_renditions("tests.broken", ["no-such-operation-10x10"])
    assert "tests.broken" not in {group.name for group in registered_groups()}


def test_wanted_specs_joins_every_group_an_image_belongs_to(home_page, knives):
    picture = add_product(knives).gallery_images.get().image
    settings = SeoSettings.for_site(home_page.get_site())
    settings.default_og_image = picture
    settings.save()

    assert wanted_specs([picture.pk])[picture.pk] == PRODUCT_SPECS  # the OG spec is in both
    assert LOGO_RENDITION not in wanted_specs([picture.pk])[picture.pk]
