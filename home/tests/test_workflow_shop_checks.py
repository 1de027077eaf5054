"""Shop-aware content checks at the SEO check: a featured product withdrawn or sold out, an image without alt text.

Each check warns or blocks as ``SHOP_REVIEW_CHECKS`` says (defaults: a withdrawn
product blocks, the others warn). Stories go through the real admin views: the
editor submits the form (with its StreamField as the admin posts it), a moderator
and then a marketer act through the workflow action URL.
"""

import datetime
import uuid

import pytest

from catalogue.factories import (
    CategoryPageFactory,
    ImageFactory,
    ProductPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from home.tests.workflow_admin import (
    current_task_name,
    error_texts,
    message_texts,
    post_edit,
    submit_and_pass_moderation,
    workflow_action,
)

STORY_INTRO = "How we oil a walnut board by hand, and why a good board lasts a lifetime of daily cooking."


def described_image(title):
    return ImageFactory(title=title, description=f"{title}, photographed on the workbench")


@pytest.fixture
def featured_product(home_page):
    category = CategoryPageFactory(parent=home_page, title="Kitchen", slug="kitchen")
    return ProductPageFactory(parent=category, title="Walnut board", slug="walnut-board", stock=5)


@pytest.fixture
def story(home_page):
    index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    return StoryPageFactory(
        parent=index,
        title="Oiling boards",
        date=datetime.date(2026, 1, 5),
        intro=STORY_INTRO,
        hero_image=described_image("Oiled board"),
        live=False,
        first_published_at=None,
        last_published_at=None,
    )


def product_block(product):
    """The StreamField's form data for one product block, as the admin's editor posts it."""
    return {
        "body-count": "1",
        "body-0-type": "product",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": str(uuid.uuid4()),
        "body-0-value-product": str(product.pk),
        "body-0-value-note": "",
    }


def to_seo_check(client, editor, moderator, story, **changes):
    submit_and_pass_moderation(client, editor, moderator, story, **changes)


def blocked(response):
    return [text for text in error_texts(response) if "Not approved" in text]


@pytest.mark.django_db
def test_a_story_featuring_a_withdrawn_product_is_blocked_by_default(
    client, editor, moderator, marketer, story, featured_product
):
    featured_product.unpublish()
    to_seo_check(client, editor, moderator, story, **product_block(featured_product))

    client.force_login(marketer)
    response = workflow_action(client, story, "approve")

    (error,) = blocked(response)
    assert "“Walnut board”, which is withdrawn" in error
    assert 'href="#panel-child-content-body-section"' in error
    # The body is content, which marketers do not edit: the link leads whoever can fix it there.
    client.force_login(moderator)
    assert (
        'id="panel-child-content-body-section"'
        in client.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    )
    story.refresh_from_db()
    assert not story.live and current_task_name(story) == "SEO check"


@pytest.mark.django_db
def test_a_withdrawn_product_set_to_warn_is_shown_but_lets_approval_through(
    client, settings, editor, moderator, marketer, story, featured_product
):
    settings.SHOP_REVIEW_CHECKS = {**settings.SHOP_REVIEW_CHECKS, "withdrawn_product": "warn"}
    featured_product.unpublish()
    to_seo_check(client, editor, moderator, story, **product_block(featured_product))

    client.force_login(marketer)
    editor_page = client.get(f"/admin/pages/{story.pk}/edit/")
    (notice,) = [text for text in message_texts(editor_page) if "SEO check" in text]
    assert "can be approved, but look at these first" in notice and "Warning: " in notice
    response = workflow_action(client, story, "approve")

    assert not blocked(response)
    story.refresh_from_db()
    assert story.live


@pytest.mark.django_db
def test_a_sold_out_product_warns_by_default(client, editor, moderator, marketer, story, featured_product):
    featured_product.stock = 0
    featured_product.save(update_fields=["stock"])
    to_seo_check(client, editor, moderator, story, **product_block(featured_product))

    client.force_login(marketer)
    editor_page = client.get(f"/admin/pages/{story.pk}/edit/")
    assert any("“Walnut board”, which is sold out" in text for text in message_texts(editor_page))
    workflow_action(client, story, "approve")

    story.refresh_from_db()
    assert story.live


@pytest.mark.django_db
def test_a_sold_out_product_set_to_block_stops_approval(
    client, settings, editor, moderator, marketer, story, featured_product
):
    settings.SHOP_REVIEW_CHECKS = {**settings.SHOP_REVIEW_CHECKS, "sold_out_product": "block"}
    featured_product.stock = 0
    featured_product.save(update_fields=["stock"])
    to_seo_check(client, editor, moderator, story, **product_block(featured_product))

    client.force_login(marketer)
    (error,) = blocked(workflow_action(client, story, "approve"))

    assert "sold out" in error
    story.refresh_from_db()
    assert not story.live


@pytest.mark.django_db
@pytest.mark.parametrize(("level", "goes_live"), [("warn", True), ("block", False)])
def test_a_hero_image_without_alt_text(
    client, settings, editor, moderator, marketer, story, level, goes_live
):
    settings.SHOP_REVIEW_CHECKS = {**settings.SHOP_REVIEW_CHECKS, "image_without_alt_text": level}
    story.hero_image = ImageFactory(title="Bare photo", description="")
    story.save_revision()
    to_seo_check(client, editor, moderator, story)

    client.force_login(marketer)
    response = workflow_action(client, story, "approve")

    story.refresh_from_db()
    assert story.live is goes_live
    if not goes_live:
        (error,) = blocked(response)
        assert "“Bare photo” has no alt text" in error and 'href="#id_hero_image"' in error


@pytest.mark.django_db
def test_a_check_set_to_off_says_nothing(
    client, settings, editor, moderator, marketer, story, featured_product
):
    settings.SHOP_REVIEW_CHECKS = {**settings.SHOP_REVIEW_CHECKS, "sold_out_product": "off"}
    featured_product.stock = 0
    featured_product.save(update_fields=["stock"])
    to_seo_check(client, editor, moderator, story, **product_block(featured_product))

    client.force_login(marketer)
    editor_page = client.get(f"/admin/pages/{story.pk}/edit/")

    assert not [text for text in message_texts(editor_page) if "sold out" in text]


@pytest.mark.django_db
def test_the_home_page_is_checked_too(client, editor, moderator, marketer, home_page, featured_product):
    featured_product.unpublish()
    home_page.search_description = STORY_INTRO
    home_page.og_image = described_image("Shop front")
    home_page.save_revision().publish()
    client.force_login(editor)
    post_edit(client, home_page, "action-submit", **product_block(featured_product))
    client.force_login(moderator)
    workflow_action(client, home_page, "approve")

    client.force_login(marketer)
    (error,) = blocked(workflow_action(client, home_page, "approve"))

    assert "withdrawn" in error


@pytest.mark.django_db
def test_the_moderator_sees_the_flags_before_approving_content(
    client, editor, moderator, story, featured_product
):
    featured_product.unpublish()
    client.force_login(editor)
    post_edit(client, story, "action-submit", **product_block(featured_product))

    client.force_login(moderator)
    response = client.get(f"/admin/pages/{story.pk}/edit/")

    (notice,) = [text for text in message_texts(response) if "Before you approve" in text]
    assert "the SEO check will refuse this page" in notice and "which is withdrawn" in notice
    # The editor, who cannot act on the task, is not told to approve anything.
    client.force_login(editor)
    assert not [
        text
        for text in message_texts(client.get(f"/admin/pages/{story.pk}/edit/"))
        if "Before you approve" in text
    ]
