import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from users.tests.conftest import huge_png_bytes, image_upload, png_header_only, png_upload

PROFILE_URL = reverse("users:profile")


def profile_data(**overrides):
    return {"first_name": "Sam", "last_name": "Shopper", "phone": "", "bio": ""} | overrides


@pytest.mark.django_db
def test_profile_requires_sign_in(client):
    response = client.get(PROFILE_URL)

    assert response["Location"] == f"{reverse('users:login')}?next={PROFILE_URL}"


@pytest.mark.django_db
def test_profile_page_shows_account_nav_with_post_logout(client, shopper):
    client.force_login(shopper)
    html = client.get(PROFILE_URL).content.decode()

    assert shopper.email in html
    assert f'href="{reverse("users:password_change")}"' in html
    assert f'href="{PROFILE_URL}" aria-current="page"' in html
    assert f'<form method="post" action="{reverse("users:logout")}">' in html
    assert 'enctype="multipart/form-data"' in html
    assert '<label for="id_avatar"' in html and '<label for="id_bio"' in html


@pytest.mark.django_db
def test_profile_edit_saves_details_and_a_png_avatar(client, shopper, settings):
    client.force_login(shopper)

    response = client.post(
        PROFILE_URL,
        profile_data(
            first_name="Samira", phone="+44 20 7946 0000", bio="Cooks a lot.", avatar=image_upload()
        ),
        follow=True,
    )

    shopper.refresh_from_db()
    assert (shopper.first_name, shopper.phone, shopper.bio) == ("Samira", "+44 20 7946 0000", "Cooks a lot.")
    assert shopper.avatar.name.startswith("avatars/") and shopper.avatar.name.endswith(".png")
    assert (settings.MEDIA_ROOT / shopper.avatar.name).is_file()
    assert "Your profile has been saved." in [str(m) for m in response.context["messages"]]
    assert shopper.avatar.url in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_rejects_a_file_that_is_not_an_image(client, shopper):
    client.force_login(shopper)
    fake = SimpleUploadedFile("avatar.png", b"<?php echo 'hi'; ?>", content_type="image/png")

    response = client.post(PROFILE_URL, profile_data(avatar=fake))

    assert response.status_code == 200
    assert response.context["form"].has_error("avatar", "invalid_image")
    shopper.refresh_from_db()
    assert not shopper.avatar


@pytest.mark.django_db
def test_profile_edit_rejects_image_formats_browsers_cannot_show(client, shopper):
    client.force_login(shopper)

    response = client.post(PROFILE_URL, profile_data(avatar=image_upload("avatar.tiff", "TIFF")))

    assert response.context["form"].has_error("avatar", "invalid_image_format")


@pytest.mark.django_db
def test_profile_edit_rejects_an_avatar_of_too_many_bytes(client, shopper, settings):
    settings.AVATAR_MAX_BYTES = 100
    client.force_login(shopper)

    response = client.post(PROFILE_URL, profile_data(avatar=image_upload(size=(64, 64))))

    assert response.context["form"].has_error("avatar", "file_too_large")
    assert "no larger than 100\xa0bytes" in response.content.decode()


@pytest.mark.django_db
def test_profile_edit_rejects_a_12000_pixel_square_avatar_with_a_clear_error(client, shopper):
    content = huge_png_bytes(12_000, 12_000)
    assert len(content) < 100_000  # small on the wire: only the pixel count gives it away
    client.force_login(shopper)

    response = client.post(PROFILE_URL, profile_data(avatar=png_upload(content)))

    assert response.status_code == 200
    assert response.context["form"].has_error("avatar", "too_many_pixels")
    assert "at most 4096 × 4096 pixels; this one has far more" in response.content.decode()
    shopper.refresh_from_db()
    assert not shopper.avatar


@pytest.mark.django_db
@pytest.mark.parametrize("width, height", [(30_000, 30_000), (1, 500_000_000)])
def test_profile_edit_refuses_a_decompression_bomb_without_decoding_it(client, shopper, width, height):
    client.force_login(shopper)

    response = client.post(PROFILE_URL, profile_data(avatar=png_upload(png_header_only(width, height))))

    assert response.status_code == 200
    assert response.context["form"].has_error("avatar", "too_many_pixels")
    shopper.refresh_from_db()
    assert not shopper.avatar


@pytest.mark.django_db
def test_profile_edit_takes_an_avatar_at_the_pixel_cap_and_refuses_one_over(client, shopper, settings):
    settings.AVATAR_MAX_DIMENSION = 64
    client.force_login(shopper)

    over = client.post(PROFILE_URL, profile_data(avatar=image_upload(size=(64, 65))))
    at_cap = client.post(PROFILE_URL, profile_data(avatar=image_upload(size=(64, 64))))

    assert over.context["form"].has_error("avatar", "too_many_pixels")
    assert "at most 64 × 64 pixels; this one is 64 × 65" in over.content.decode()
    assert at_cap.status_code == 302
    shopper.refresh_from_db()
    assert (shopper.avatar.width, shopper.avatar.height) == (64, 64)


@pytest.mark.django_db
def test_profile_avatar_help_text_names_the_caps(client, shopper, settings):
    settings.AVATAR_MAX_BYTES = 1024 * 1024
    settings.AVATAR_MAX_DIMENSION = 2000
    client.force_login(shopper)

    html = client.get(PROFILE_URL).content.decode()

    assert "up to 1.0\xa0MB and 2000 × 2000 pixels" in html


@pytest.mark.django_db
def test_profile_edit_cannot_change_email_or_grant_admin_rights(client, shopper):
    client.force_login(shopper)

    client.post(PROFILE_URL, profile_data(email="taken@example.com", is_staff="on", is_superuser="on"))

    shopper.refresh_from_db()
    assert shopper.email == "shopper@example.com"
    assert not shopper.is_staff and not shopper.is_superuser


@pytest.mark.django_db
def test_profile_edit_keeps_the_avatar_when_no_new_file_is_sent(client, shopper):
    client.force_login(shopper)
    client.post(PROFILE_URL, profile_data(avatar=image_upload()))
    shopper.refresh_from_db()
    first_avatar = shopper.avatar.name

    client.post(PROFILE_URL, profile_data(bio="Still me."))

    shopper.refresh_from_db()
    assert shopper.avatar.name == first_avatar and shopper.bio == "Still me."
