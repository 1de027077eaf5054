"""An editor drafts a product in the Wagtail admin; a moderator takes it through "Catalogue approval".

The workflow (home/migrations/0007) has two tasks: "Moderator approval", then
"SEO check", which refuses a page without a 50–160 character description or a
sharing image. The product's gallery picture is its sharing image.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from catalogue.models import ProductPage
from catalogue.tests.fixtures import make_image
from home.wagtail_hooks import NEW_PAGE_AUTOSAVE_MESSAGE
from users.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEO_DESCRIPTION = "A stainless steel balloon whisk with a sealed handle: light, rigid and dishwasher safe."


def staff_member(email, group_name):
    user = UserFactory(email=email, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def sign_in_to_admin(page, live_server, user):
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")


def choose_action(page, label):
    """Opens the editor's footer action menu and picks ``label``."""
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.locator("footer").get_by_role("button", name=label, exact=True).click()


def test_editor_draft_is_approved_published_and_searchable(page, new_page, live_server, kitchen):
    editor = staff_member("editor@example.com", "Editors")
    moderator = staff_member("moderator@example.com", "Moderators")
    # Uploading through the chooser is Wagtail's to test; the editor picks an image already in the library.
    make_image("Balloon whisk photo", colour="silver")

    sign_in_to_admin(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/pages/add/catalogue/productpage/{kitchen.pk}/")
    page.locator("#id_title").fill("Balloon Whisk")
    page.locator("#id_short_description").fill("Whips cream in a minute.")
    page.locator("#id_gallery_images-ADD").click()
    page.locator("#id_gallery_images-FORMS").get_by_role("button", name="Choose an image").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("link", name="Balloon whisk photo").click()
    expect(chooser).to_be_hidden()
    expect(page.locator("#id_gallery_images-FORMS")).to_contain_text("Balloon whisk photo")

    page.get_by_role("tab", name="Commerce").click()
    page.locator("#id_sku").fill("WHISK-001")
    page.locator("#id_price").fill("14.99")
    page.locator("#id_stock").fill("25")

    page.get_by_role("tab", name="Promote").click()
    expect(page.locator("#id_slug")).to_have_value("balloon-whisk")
    page.locator("#id_search_description").fill(SEO_DESCRIPTION)
    # Wagtail's autosave has tried and been told the page must be saved first (decision 72):
    # it creates nothing that the submit below could collide with.
    expect(page.locator(".footer__save-warning")).to_contain_text(NEW_PAGE_AUTOSAVE_MESSAGE)

    choose_action(page, "Submit to Catalogue approval")
    expect(page.locator(".messages")).to_contain_text(
        "Page 'Balloon Whisk' created and submitted for moderation."
    )
    product = ProductPage.objects.get(title="Balloon Whisk")
    assert not product.live
    workflow_state = WorkflowState.objects.get(object_id=str(product.pk))
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # The draft is not on the shop yet.
    page.goto(f"{live_server.url}/search/?q=Balloon+Whisk")
    expect(page.locator(".search-results .product-card")).to_have_count(0)

    # The moderator passes both tasks; approving the last one publishes.
    moderator_page = new_page()
    sign_in_to_admin(moderator_page, live_server, moderator)
    for task, action in [("Moderator approval", "Approve"), ("SEO check", "Approve and Publish")]:
        moderator_page.goto(f"{live_server.url}/admin/pages/{product.pk}/edit/")
        choose_action(moderator_page, action)
        expect(moderator_page.locator(".messages")).to_contain_text("Page 'Balloon Whisk' has been")
        assert workflow_state.task_states.get(task__name=task).status == "approved"

    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    product.refresh_from_db()
    assert product.live
    assert (product.sku, product.price, product.stock) == ("WHISK-001", Decimal("14.99"), 25)
    assert product.search_description == SEO_DESCRIPTION
    assert product.gallery_images.get().image.title == "Balloon whisk photo"

    # Live and searchable at once: the same shopper search now finds it.
    page.goto(f"{live_server.url}/search/?q=Balloon+Whisk")
    result = page.locator(".search-results .product-card").filter(has_text="Balloon Whisk")
    expect(result).to_have_count(1)
    result.get_by_role("link").first.click()
    expect(page).to_have_url(f"{live_server.url}/kitchen/balloon-whisk/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Balloon Whisk")
    expect(page.locator(".buy-box").get_by_role("button", name="Add to cart")).to_be_visible()
