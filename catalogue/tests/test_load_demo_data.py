"""`manage.py load_demo_data`: demo accounts and the home page, idempotent."""

import logging
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Revision

from home.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from home.demo.homepage import HERO_BLOCK_ID

pytestmark = pytest.mark.django_db


def publish_body(page, body):
    """Give ``page`` a new body and publish it, as another script or a migration would."""
    page.body = body
    page.save_revision().publish()
    page.refresh_from_db()
    return page


DEMO_EMAILS = {account.email for account in DEMO_ACCOUNTS}


class TerminalStream(StringIO):
    def isatty(self):
        return True


def load_demo_data(*args) -> str:
    # These tests are about accounts and the home page; the catalogue's own tests
    # (catalogue/tests/test_demo.py) load products.
    if "--products" not in args:
        args = (*args, "--products", "0")
    out = StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


def test_it_creates_the_five_demo_accounts_with_their_roles():
    load_demo_data()

    users = {user.email: user for user in get_user_model().objects.all()}
    assert set(users) >= DEMO_EMAILS
    assert {email for email, user in users.items() if user.is_staff} == DEMO_EMAILS - {"shopper@example.com"}
    assert users["admin@example.com"].is_superuser
    for email in ("editor@example.com", "moderator@example.com", "marketer@example.com"):
        assert users[email].is_staff and not users[email].is_superuser
    assert not users["shopper@example.com"].is_staff
    assert [group.name for group in users["editor@example.com"].groups.all()] == ["Editors"]
    assert [group.name for group in users["moderator@example.com"].groups.all()] == ["Moderators"]
    assert [group.name for group in users["marketer@example.com"].groups.all()] == ["Marketers"]


# Who may open the Wagtail admin after a load; the shopper is sent to the sign-in page.
ADMIN_STATUS = {
    "admin@example.com": 200,
    "editor@example.com": 200,
    "moderator@example.com": 200,
    "marketer@example.com": 200,
    "shopper@example.com": 302,
}


def test_every_demo_account_logs_in_and_only_staff_reach_the_wagtail_admin(client):
    # One load for all five accounts: a load takes seconds, and each account reads the same data.
    load_demo_data()

    assert set(ADMIN_STATUS) == DEMO_EMAILS
    statuses = {}
    for email in sorted(DEMO_EMAILS):
        assert client.login(email=email, password=DEMO_PASSWORD), email
        statuses[email] = client.get("/admin/").status_code
        client.logout()
    assert statuses == ADMIN_STATUS


def test_it_fills_and_publishes_the_home_page(client, home_page):
    load_demo_data()

    home_page.refresh_from_db()
    hero, *others = home_page.body
    assert hero.block_type == "hero"
    assert hero.id == HERO_BLOCK_ID
    assert hero.value["image"].collection.name == "Demo data"
    # The merchandising blocks editors can change; the best sellers fill the unpicked row.
    assert [block.block_type for block in others] == [
        "featured_products",
        "category_tiles",
        "paragraph",
        "latest_stories",
    ]
    assert list(others[0].value["products"]) == []
    assert home_page.live and not home_page.has_unpublished_changes
    assert home_page.live_revision.user is None

    content = client.get("/").content.decode()
    assert "Good tools for good kitchens" in content
    assert 'class="hero__media"' in content
    # How the loader treats edited pages is for the README; shoppers never read about it.
    assert "load_demo_data" not in content


def test_output_shows_progress_logins_and_a_summary_line():
    output = load_demo_data()

    assert "Accounts: 5 done in " in output
    assert "Home page: 1 done in " in output
    assert 'Demo logins (password "demo-pass-123"):' in output
    for email in DEMO_EMAILS:
        assert email in output
    last_line = output.strip().splitlines()[-1]
    assert last_line.startswith("Demo data ready: 5 accounts, ")
    assert "home page filled" in last_line and " in " in last_line
    assert last_line.endswith("s")


@pytest.mark.django_db
def test_no_log_stream_and_no_email_bury_the_summary(caplog, mailoutbox):
    # The workflow step submits pages for moderation, which would email the demo moderators.
    with caplog.at_level("INFO", logger="wagtail"):
        output = load_demo_data("--products", "12")
        assert logging.getLogger("wagtail").level == logging.INFO  # put back afterwards

    assert "2 new products in the workflow" in output
    assert [record for record in caplog.records if record.name.startswith("wagtail")] == []
    assert mailoutbox == []


@pytest.mark.django_db
def test_on_a_terminal_it_draws_a_progress_bar():
    terminal = TerminalStream()

    # No products: the bar is the same for every step, and products take most of a load.
    call_command("load_demo_data", "--products", "0", stdout=terminal)

    assert "\rAccounts [##############################] 5/5" in terminal.getvalue()


def test_running_twice_duplicates_nothing(home_page):
    load_demo_data()
    revisions = Revision.objects.count()
    users, images = get_user_model().objects.count(), get_image_model().objects.count()

    output = load_demo_data()

    assert get_user_model().objects.count() == users
    assert get_image_model().objects.count() == images
    assert Revision.objects.count() == revisions
    assert "Demo data ready: 5 accounts, " in output and "home page unchanged" in output


def test_a_rerun_restores_a_changed_demo_password_and_role(client):
    load_demo_data()
    editor = get_user_model().objects.get(email="editor@example.com")
    editor.set_password("something-else-entirely")
    editor.is_staff = False
    editor.save()

    load_demo_data()

    editor.refresh_from_db()
    assert editor.is_staff
    assert client.login(email="editor@example.com", password=DEMO_PASSWORD)


def test_a_rerun_leaves_a_home_page_a_person_has_edited_alone(home_page):
    load_demo_data()
    moderator = get_user_model().objects.get(email="moderator@example.com")
    home_page.refresh_from_db()
    home_page.body = [("paragraph", "<p>Our own words.</p>")]
    home_page.save_revision(user=moderator).publish(user=moderator)

    output = load_demo_data()

    home_page.refresh_from_db()
    assert [block.block_type for block in home_page.body] == ["paragraph"]
    assert "home page kept (edited by a person)" in output


def test_a_pending_draft_keeps_the_loader_away_even_from_an_empty_body(home_page):
    editor = get_user_model().objects.create_user(email="writer@example.com", password="x")
    home_page.body = [("paragraph", "<p>Work in progress.</p>")]
    home_page.save_revision(user=editor)

    output = load_demo_data()

    home_page.refresh_from_db()
    assert len(home_page.body) == 0
    assert "home page kept (edited by a person)" in output


def test_a_body_written_by_other_code_is_not_the_loaders(home_page):
    publish_body(home_page, [("paragraph", "<p>Written by a migration or a script.</p>")])

    load_demo_data()

    home_page.refresh_from_db()
    assert home_page.body[0].block_type == "paragraph"


def test_products_and_seed_are_accepted():
    output = load_demo_data("--products", "3", "--seed", "7")

    assert "Demo data ready:" in output


def test_negative_products_are_refused():
    with pytest.raises(CommandError, match="--products cannot be negative"):
        load_demo_data("--products", "-1")


@pytest.mark.postgres
@pytest.mark.django_db
def test_planner_statistics_are_fresh_after_a_load_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    output = load_demo_data("--products", "4")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname IN %s AND last_analyze IS NOT NULL",
            [("wagtailcore_page", "catalogue_productpage", "wagtailcore_pageviewrestriction")],
        )
        analysed = {row[0] for row in cursor.fetchall()}
    assert analysed == {"wagtailcore_page", "catalogue_productpage", "wagtailcore_pageviewrestriction"}
    assert "planner statistics refreshed" in output


def test_the_demo_home_page_and_site_have_a_real_meta_description(client, home_page):
    from bs4 import BeautifulSoup

    from home.demo.homepage import HOME_DESCRIPTION, SITE_DESCRIPTION
    from home.models import SeoSettings
    from home.seo.rules import DESCRIPTION_MAX, DESCRIPTION_MIN

    load_demo_data()

    tag = BeautifulSoup(client.get("/").content, "html.parser").head.find(
        "meta", attrs={"name": "description"}
    )
    assert tag["content"] == HOME_DESCRIPTION
    assert DESCRIPTION_MIN <= len(HOME_DESCRIPTION) <= DESCRIPTION_MAX
    seo_settings = SeoSettings.for_site(home_page.get_site())
    site_default = seo_settings.default_meta_description
    assert site_default == SITE_DESCRIPTION
    assert seo_settings.organisation_logo is not None  # the Organization JSON-LD's logo
    assert DESCRIPTION_MIN <= len(site_default) <= DESCRIPTION_MAX


def test_the_demo_pictures_have_their_renditions_before_anyone_visits(home_page):
    from catalogue.models import ProductGalleryImage
    from catalogue.models.querysets import CARD_RENDITION_FILTERS
    from home.models import SeoSettings
    from home.seo.meta import LOGO_RENDITION

    output = load_demo_data("--products", "3")

    pictures = [row.image for row in ProductGalleryImage.objects.select_related("image")]
    assert pictures
    for picture in pictures:
        assert set(CARD_RENDITION_FILTERS) <= set(picture.renditions.values_list("filter_spec", flat=True))
    logo = SeoSettings.for_site(home_page.get_site()).organisation_logo
    assert logo.renditions.filter(filter_spec=LOGO_RENDITION).exists()
    assert " renditions" in output.splitlines()[-1]


def test_no_renditions_leaves_the_pictures_to_make_renditions():
    from catalogue.models import ProductGalleryImage

    load_demo_data("--products", "2", "--no-renditions")

    assert ProductGalleryImage.objects.exists()
    assert not get_image_model().get_rendition_model().objects.exists()
