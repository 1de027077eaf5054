"""The SEO audit report, its export, its permission and its dashboard panel."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, Site

from catalogue.factories import CategoryPageFactory, ImageFactory, ProductPageFactory, StoryIndexPageFactory
from home.models import SeoAuditEntry, SeoSettings
from home.seo.audit import measure_everything
from home.seo.report import PROBLEM_LABELS, AuditRow, seo_audit_rows, shared_counts
from home.seo.rules import page_own_og_image
from users.factories import UserFactory

REPORT_URL = "/admin/reports/seo-audit/"
GOOD_DESCRIPTION = "Hand-forged kitchen knives in carbon and stainless steel, sharpened and ready to use."
# Bounded whatever the page count: the admin request's own queries plus the report's few.
QUERY_BUDGET = 25


@pytest.fixture(autouse=True)
def short_copy_is_enough(settings):
    """These tests are about titles and descriptions; the thin-copy check has its own tests."""
    settings.SEO_THIN_COPY_WORDS = 5


def audited() -> dict:
    """Measure the site as the signals and the nightly task would, then read the audit's rows by page id."""
    measure_everything()
    return current_rows()


def current_rows() -> dict:
    """The audit's rows as the report shows them (with twin counts), by page id, without measuring."""
    entries = list(seo_audit_rows())
    shared = shared_counts(entries)
    return {entry.page_id or entry.redirect_id: AuditRow(entry, shared) for entry in entries}


@pytest.fixture
def tidy_home(home_page):
    """The migration's home page, given the description and image it lacks, so it breaks no rule."""
    home_page.search_description = (
        "Everything for the kitchen and garden, chosen to last and easy to care for."
    )
    home_page.og_image = ImageFactory()
    home_page.save()
    return home_page


@pytest.fixture
def shelf(tidy_home):
    """A category that breaks no rule, to hang products on; the home page breaks none either."""
    return CategoryPageFactory(
        parent=tidy_home, title="Kitchen", intro=GOOD_DESCRIPTION, with_hero_image=True, slug="kitchen"
    )


def good_product(parent, **fields):
    fields = {
        "short_description": f"{fields.get('title', 'A product')}: {GOOD_DESCRIPTION}",
        "gallery_image": True,
        **fields,
    }
    return ProductPageFactory(parent=parent, **fields)


def rows_by_pk(response):
    return {row.pk: row for row in response.context["object_list"]}


@pytest.mark.django_db
def test_report_lists_a_page_missing_a_description_and_not_a_good_one(admin_client, shelf):
    good = good_product(shelf, title="Chef's knife")
    bare = good_product(shelf, title="Paring knife", short_description="")

    measure_everything()
    response = admin_client.get(REPORT_URL)

    assert response.status_code == 200
    rows = rows_by_pk(response)
    # No words of copy at all: thin, too.
    assert rows[bare.pk].problem_codes == ["description_missing", "thin_copy"]
    assert good.pk not in rows
    assert shelf.pk not in rows
    html = response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[bare.pk]) in html
    assert "Missing description" in html
    assert "Meta description empty, and no short description or intro to fall back on." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": "   ", "slug": "untitled"}, ["title_missing", "h1_missing"]),
        ({"seo_title": "A" * 61}, "title_too_long"),
        ({"short_description": ""}, ["description_missing", "thin_copy"]),
        ({"search_description": "Too short to say much."}, "description_too_short"),
        ({"search_description": "Long. " * 30}, "description_too_long"),
        ({"noindex": True}, "noindex"),
    ],
)
def test_each_page_rule_is_detected(shelf, fields, code):
    product = good_product(shelf, **{"title": "Bread knife", **fields})

    rows = audited()

    assert rows[product.pk].problem_codes == (code if isinstance(code, list) else [code])


@pytest.mark.django_db
def test_a_page_without_its_own_image_is_flagged_even_with_a_site_default(home_page, shelf):
    settings = SeoSettings.for_site(Site.objects.get(is_default_site=True))
    settings.default_og_image = ImageFactory()
    settings.save()
    bare_product = good_product(shelf, title="Honing steel", gallery_image=False)
    bare_category = CategoryPageFactory(
        parent=home_page,
        title="Garden",
        intro="Spades, forks and shears for every garden, made to be repaired.",
    )
    shared_product = good_product(shelf, title="Cleaver", gallery_image=False, og_image=ImageFactory())

    rows = audited()

    # Without a picture the product's structured data lacks its required image too.
    assert rows[bare_product.pk].problem_codes == ["og_image_missing", "product_data_invalid"]
    assert rows[bare_category.pk].problem_codes == ["og_image_missing"]
    # An OG image is not the product's picture: Google's Product result still wants one.
    assert rows[shared_product.pk].problem_codes == ["product_data_invalid"]


@pytest.mark.django_db
def test_the_image_check_agrees_with_the_seo_rules(home_page, shelf):
    """The audit answers `page_own_og_image` in SQL; both must give the same answer for every page."""
    good_product(shelf, title="With gallery")
    good_product(shelf, title="Without gallery", gallery_image=False)
    good_product(shelf, title="With OG image", gallery_image=False, og_image=ImageFactory())
    CategoryPageFactory(parent=home_page, title="No hero", intro=GOOD_DESCRIPTION)
    StoryIndexPageFactory(parent=home_page, og_image=ImageFactory())

    rows = audited()
    entries = SeoAuditEntry.objects.filter(page__isnull=False)
    specific_pages = Page.objects.specific().in_bulk([entry.page_id for entry in entries])
    assert len(specific_pages) == 7  # home, story index, two categories, three products
    for pk, page in specific_pages.items():
        flagged = pk in rows and "og_image_missing" in rows[pk].problem_codes
        assert flagged == (page_own_og_image(page) is None), page.title


@pytest.mark.django_db
def test_duplicate_titles_are_flagged_on_both_pages(home_page, shelf):
    first = good_product(shelf, title="Santoku knife")
    # Same effective title: SEO title wins over title, compared ignoring case and spacing.
    second = good_product(shelf, title="Japanese knife", seo_title="  santoku   KNIFE ")
    unique = good_product(shelf, title="Carving knife")

    rows = audited()

    assert rows[first.pk].problem_codes == ["title_duplicate"]
    assert rows[second.pk].problem_codes == ["title_duplicate"]
    assert unique.pk not in rows


@pytest.mark.django_db
def test_duplicate_descriptions_are_flagged_across_page_types(home_page, shelf):
    product = good_product(shelf, title="Steak knife", search_description=GOOD_DESCRIPTION.upper())

    rows = audited()

    # The shelf's intro is its description, and the product's SEO description repeats it.
    assert rows[product.pk].problem_codes == ["description_duplicate"]
    assert rows[shelf.pk].problem_codes == ["description_duplicate"]
    assert "1 other live page(s)" in rows[shelf.pk].problem_details


@pytest.mark.django_db
def test_draft_pages_are_left_out(shelf):
    draft = good_product(shelf, title="Draft knife", short_description="", live=False)

    assert draft.pk not in audited()


@pytest.mark.django_db
def test_filter_by_problem_and_page_type_narrows_the_list(admin_client, home_page, shelf):
    no_description = good_product(shelf, title="Fillet knife", short_description="")
    hidden = good_product(shelf, title="Utility knife", noindex=True)
    hidden_category = CategoryPageFactory(
        parent=home_page, title="Hidden shelf", intro=GOOD_DESCRIPTION, with_hero_image=True, noindex=True
    )

    measure_everything()
    by_problem = rows_by_pk(admin_client.get(REPORT_URL, {"problem": "noindex"}))
    by_both = rows_by_pk(
        admin_client.get(REPORT_URL, {"problem": "noindex", "page_type": "catalogue.categorypage"})
    )

    assert set(by_problem) == {hidden.pk, hidden_category.pk}
    assert no_description.pk not in by_problem
    assert set(by_both) == {hidden_category.pk}


@pytest.mark.django_db
def test_results_view_serves_the_filtered_listing(admin_client, shelf):
    hidden = good_product(shelf, title="Utility knife", noindex=True)

    measure_everything()
    response = admin_client.get(reverse("home_seo_audit_results"), {"problem": "noindex"})

    assert response.status_code == 200
    assert set(rows_by_pk(response)) == {hidden.pk}


@pytest.mark.django_db
def test_csv_export_has_a_header_and_every_matching_row(admin_client, shelf):
    bare = good_product(shelf, title="Paring knife", short_description="")
    good_product(shelf, title="Chef's knife")

    measure_everything()
    response = admin_client.get(REPORT_URL, {"export": "csv", "problem": "description_missing"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert 'filename="seo-audit-' in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0] == ["Title", "Page or redirect ID", "Type", "Problems", "Details", "Last published"]
    titles = [line[0] for line in lines[1:]]
    assert "Paring knife" in titles
    assert "Chef's knife" not in titles
    paring = next(line for line in lines[1:] if line[0] == "Paring knife")
    assert paring[1:5] == [
        str(bare.pk),
        "Product",
        "Missing description, Thin product copy",
        "Meta description empty, and no short description or intro to fall back on. "
        "Only 0 words of product copy (short description and body); write at least 5.",
    ]


@pytest.mark.django_db
def test_xlsx_export_is_offered_too(admin_client, shelf):
    good_product(shelf, title="Paring knife", short_description="")
    measure_everything()

    response = admin_client.get(REPORT_URL, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.django_db
def test_users_without_page_permissions_are_refused(client):
    admin_only = UserFactory()
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_only)
    # Wagtail's admin answers PermissionDenied by sending the user back to the dashboard.
    refused = client.get(REPORT_URL)
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    assert client.get(REPORT_URL, {"export": "csv"}).status_code == 302

    client.force_login(UserFactory())  # a shopper: no admin access at all
    response = client.get(REPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
def test_editors_see_the_report_and_its_menu_item(client):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert client.get(REPORT_URL).status_code == 200
    assert REPORT_URL in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_dashboard_panel_counts_each_problem_and_links_to_the_filtered_report(admin_client, shelf):
    good_product(shelf, title="Fillet knife", short_description="")
    good_product(shelf, title="Boning knife", short_description="")
    good_product(shelf, title="Utility knife", noindex=True)
    measure_everything()

    response = admin_client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    assert "SEO audit (3 pages with problems)" in html
    for code in PROBLEM_LABELS:
        assert f'data-problem="{code}"' in html
    assert 'data-problem="description_missing">2<' in html
    assert 'data-problem="noindex">1<' in html
    assert f'href="{REPORT_URL}?problem=description_missing"' in html
    # A problem no page has gets a count but no link to an empty report.
    assert f'href="{REPORT_URL}?problem=title_too_long"' not in html


@pytest.mark.django_db
def test_dashboard_panel_is_hidden_from_users_who_cannot_see_the_report(client):
    admin_only = UserFactory()
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_only)

    assert "seo-audit-heading" not in client.get(reverse("wagtailadmin_home")).content.decode()


def count_report_queries(admin_client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(REPORT_URL, params or {})
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_page_count(
    admin_client, home_page, shelf, django_assert_max_num_queries
):
    StoryIndexPageFactory(parent=home_page)
    for n in range(3):
        good_product(shelf, title=f"Knife {n}", short_description="", gallery_image=n % 2 == 0)
    measure_everything()
    admin_client.get(REPORT_URL)  # the first admin request warms per-process caches (content types, sites)
    small, _ = count_report_queries(admin_client)

    for n in range(3, 63):
        good_product(shelf, title=f"Knife {n}", short_description="", gallery_image=n % 2 == 0)
    measure_everything()
    large, response = count_report_queries(admin_client)

    assert large == small
    assert small <= QUERY_BUDGET
    # Paginated in the database: the second page holds what the first 50 rows left over.
    total = response.context["paginator"].count
    assert total == seo_audit_rows().count() >= 63
    assert len(response.context["object_list"]) == 50
    with django_assert_max_num_queries(QUERY_BUDGET):
        second_page = admin_client.get(REPORT_URL, {"p": 2})
    assert len(second_page.context["object_list"]) == total - 50
    with django_assert_max_num_queries(QUERY_BUDGET):
        filtered = admin_client.get(
            REPORT_URL, {"problem": "description_missing", "page_type": "catalogue.productpage"}
        )
    assert filtered.context["paginator"].count == 63


@pytest.mark.django_db
def test_measuring_takes_the_same_queries_for_few_pages_and_many(shelf):
    for n in range(3):
        good_product(shelf, title=f"Knife {n}", gallery_image=n % 3 == 0)
    measure_everything()  # warms per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as few:
        measure_everything()
    for n in range(3, 60):
        good_product(shelf, title=f"Knife {n}", gallery_image=n % 3 == 0)
    with CaptureQueriesContext(connection) as many:
        measure_everything()
    assert len(many) == len(few)
