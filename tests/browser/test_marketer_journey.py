"""A marketer ships an SEO fix to a live product, through the SEO check alone.

Their first try is too short: the SEO check's approve modal says what is wrong and
links to the field; they fix it, approve with the fix, and the live page carries
the new meta description. No moderator is involved (settings.SHOP_SEO_ONLY_FAST_PATH).
"""

import pytest
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from catalogue.factories import ProductPageFactory
from catalogue.tests.fixtures import make_image
from tests.browser.test_editor_journey import choose_action, sign_in_to_admin, staff_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OLD_DESCRIPTION = "A balloon whisk with a sealed handle: light, rigid and safe in the dishwasher, every day."
NEW_DESCRIPTION = (
    "Stainless balloon whisk, sealed handle: whips cream in a minute and goes in the dishwasher."
)


@pytest.fixture
def live_whisk(kitchen):
    whisk = ProductPageFactory(
        parent=kitchen, title="Balloon Whisk", slug="balloon-whisk", search_description=OLD_DESCRIPTION
    )
    whisk.gallery_images.create(image=make_image("Whisk photo", colour="silver"))
    whisk.save_revision().publish()
    return whisk


def test_marketer_fixes_a_live_meta_description_through_the_seo_check_alone(page, live_server, live_whisk):
    marketer = staff_member("marketer@example.com", "Marketers")
    edit_url = f"{live_server.url}/admin/pages/{live_whisk.pk}/edit/"

    sign_in_to_admin(page, live_server, marketer)
    page.goto(edit_url)
    page.get_by_role("tab", name="Promote").click()
    page.locator("#id_search_description").fill("Whisk.")
    choose_action(page, "Submit to Catalogue approval")
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")
    state = WorkflowState.objects.get(object_id=str(live_whisk.pk))
    assert state.current_task_state.task.name == "SEO check"  # an SEO-only change skips the moderator

    # Approving as it stands cannot pass: the modal says why and links to the field.
    page.goto(edit_url)
    choose_action(page, "Approve and Publish")
    modal = page.locator(".modal-content")
    expect(modal).to_contain_text("The meta description is 6 characters; write at least 50.")
    expect(
        modal.get_by_role("link", name="The meta description is 6 characters; write at least 50.")
    ).to_have_attribute("href", "#id_search_description")
    modal.get_by_role("button", name="Close").click()

    page.get_by_role("tab", name="Promote").click()
    page.locator("#id_search_description").fill(NEW_DESCRIPTION)
    choose_action(page, "Approve and Publish")
    page.locator(".modal-content").get_by_role("button", name="Approve with my fixes").click()
    expect(page.locator(".messages")).to_contain_text("Page 'Balloon Whisk' has been updated.")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    live_whisk.refresh_from_db()
    assert live_whisk.search_description == NEW_DESCRIPTION
    page.goto(f"{live_server.url}/kitchen/balloon-whisk/")
    expect(page.locator('meta[name="description"]')).to_have_attribute("content", NEW_DESCRIPTION)
