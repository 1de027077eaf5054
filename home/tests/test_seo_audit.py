"""The SEO audit's checks, the fallbacks it names, its fix links, and how it stays fresh."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.blocks import StreamValue
from wagtail.contrib.redirects.models import Redirect
from wagtail.rich_text import RichText

from catalogue.factories import CategoryPageFactory, StoryIndexPageFactory, StoryPageFactory
from catalogue.models import ProductPage, StoryPage
from catalogue.tests.conftest import add_product, make_image
from home.seo.audit import measure_everything, missing_product_properties
from home.seo.report import AuditRow, field_anchors, seo_audit_rows, shared_counts

DESCRIPTION = "Hand-forged kitchen knives in carbon and stainless steel, sharpened and ready to use."
LONG_COPY = " ".join(["Forged steel that keeps its edge through years of daily kitchen work."] * 6)


def audit() -> dict:
    measure_everything()
    return current_rows()


def current_rows() -> dict:
    """The audit's rows as the report shows them (with twin counts), by page id, without measuring."""
    entries = list(seo_audit_rows())
    shared = shared_counts(entries)
    return {entry.page_id or entry.redirect_id: AuditRow(entry, shared) for entry in entries}


def problems(rows, page) -> dict:
    """code -> problem dict, for one page's row (empty when the page has none)."""
    row = rows.get(page.pk)
    return {problem["code"]: problem for problem in row.problems} if row else {}


def with_body(page, html):
    page.body = StreamValue(type(page).body.field.stream_block, [("paragraph", RichText(html))])
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def link_to(target, page):
    """Publish ``page`` with good copy and a rich-text link to ``target``."""
    return with_body(page, f'<p><a linktype="page" id="{target.pk}">see</a> {LONG_COPY}</p>')


@pytest.fixture
def tidy_product(knives):
    return add_product(
        knives, title="Chef knife", search_description=DESCRIPTION, short_description=LONG_COPY, og_image=None
    )


def edit_page_ids(admin_client, page) -> set[str]:
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return {tag["id"] for tag in BeautifulSoup(html, "html.parser").find_all(id=True)}


# --- What was measured ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_fallback_description_is_named_with_its_length(home_page):
    category = CategoryPageFactory(
        parent=home_page, title="Garden", intro="Spades and forks, made to be repaired."
    )
    found = problems(audit(), category)["description_too_short"]
    assert found["message"].startswith("Meta description empty; measured the fallback: intro, 38 characters")


@pytest.mark.django_db
def test_a_fallback_title_is_named_too(knives):
    product = add_product(knives, title="T" * 70, short_description=LONG_COPY)
    found = problems(audit(), product)["title_too_long"]
    assert found["message"].startswith("SEO title empty; measured the fallback: page title, 70 characters")


@pytest.mark.django_db
def test_the_pages_own_description_is_named_as_such(knives):
    product = add_product(knives, search_description="Too short.", short_description=LONG_COPY)
    assert problems(audit(), product)["description_too_short"]["message"].startswith(
        "The meta description is 10 characters"
    )


# --- Links straight to the field ---------------------------------------------------------


@pytest.mark.django_db
def test_every_fix_link_anchor_exists_in_the_real_edit_page(admin_client, home_page, knives):
    product = add_product(
        knives, title="T" * 70, search_description="Short.", canonical_url="https://example.org/x/"
    )
    story_index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=story_index, title="Story", date=datetime.date(2026, 1, 1))
    for page in (home_page, knives, product, story_index, story):
        ids = edit_page_ids(admin_client, page)
        anchors = field_anchors(type(page.specific))
        for field in ("title", "seo_title", "search_description", "og_image", "canonical_url", "noindex"):
            assert anchors[field] in ids, (page, field)
        for field in ("short_description", "body", "intro", "price", "gallery_images", "hero_image"):
            if field in anchors:
                assert anchors[field] in ids, (page, field)

    rows = audit()
    product_ids = edit_page_ids(admin_client, product)
    edit_url = reverse("wagtailadmin_pages:edit", args=[product.pk])
    for problem in rows[product.pk].problems:
        url, _, anchor = problem["url"].partition("#")
        assert url == edit_url and anchor in product_ids, problem


@pytest.mark.django_db
def test_the_report_shows_each_problem_with_its_fix_link(admin_client, knives):
    product = add_product(knives, search_description="Short.", short_description=LONG_COPY)
    measure_everything()
    html = admin_client.get("/admin/reports/seo-audit/").content.decode()
    items = BeautifulSoup(html, "html.parser").find_all("li", attrs={"data-problem": "description_too_short"})
    anchor = field_anchors(ProductPage)["search_description"]
    expected = reverse("wagtailadmin_pages:edit", args=[product.pk]) + f"#{anchor}"
    assert expected in [item.find("a", class_="seo-fix-link")["href"] for item in items]


# --- H1 -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_template_renders_exactly_one_h1(client, home_page, knives):
    """The audit counts the template's H1 as one; this pins that for every page type."""
    product = add_product(knives)
    story_index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=story_index, title="Story", date=datetime.date(2026, 1, 1))
    home_page.save_revision().publish()
    for page in (home_page, knives, product, story_index, story):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        assert len(soup.find_all("h1")) == 1, page


@pytest.mark.django_db
def test_an_h1_in_the_body_is_a_duplicate_h1(client, tidy_product):
    with_body(tidy_product, "<h1>Another heading</h1><p>Text.</p>")
    found = problems(audit(), tidy_product)["h1_duplicate"]
    assert found["message"].startswith("2 H1 headings")
    soup = BeautifulSoup(client.get(tidy_product.url).content, "html.parser")
    assert len(soup.find_all("h1")) == 2  # what the audit said, on the rendered page


# --- Images without alt text ------------------------------------------------------------


@pytest.mark.django_db
def test_a_story_hero_without_alt_text_links_to_the_images_description(admin_client, home_page):
    index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    bare = make_image("IMG_2041")
    described = make_image("IMG_2042")
    described.description = "Sharpening a knife on a whetstone"
    described.save()
    without = StoryPageFactory(parent=index, title="One", date=datetime.date(2026, 1, 1), hero_image=bare)
    with_alt = StoryPageFactory(
        parent=index, title="Two", date=datetime.date(2026, 1, 2), hero_image=described
    )

    rows = audit()
    found = problems(rows, without)["image_alt_missing"]
    assert "IMG_2041" in found["message"]
    assert found["url"] == reverse("wagtailimages:edit", args=[bare.pk]) + "#id_description"
    image_form = admin_client.get(reverse("wagtailimages:edit", args=[bare.pk])).content.decode()
    assert 'id="id_description"' in image_form
    assert "image_alt_missing" not in problems(rows, with_alt)


@pytest.mark.django_db
def test_a_body_image_with_a_caption_has_alt_text(tidy_product):
    image = make_image("DSC_0001")
    block = ProductPage.body.field.stream_block
    tidy_product.body = StreamValue(block, [("image", {"image": image, "caption": "The blade"})])
    tidy_product.save_revision().publish()
    assert "image_alt_missing" not in problems(audit(), tidy_product)
    tidy_product.body = StreamValue(block, [("image", {"image": image, "caption": ""})])
    tidy_product.save_revision().publish()
    assert "DSC_0001" in problems(audit(), tidy_product)["image_alt_missing"]["message"]


# --- Thin copy, canonical ----------------------------------------------------------------


@pytest.mark.django_db
def test_thin_product_copy_follows_the_setting(settings, knives):
    product = add_product(
        knives, search_description=DESCRIPTION, short_description="Sharp and light, with a walnut handle."
    )
    settings.SEO_THIN_COPY_WORDS = 50
    assert problems(audit(), product)["thin_copy"]["message"].startswith("Only 7 words of product copy")
    settings.SEO_THIN_COPY_WORDS = 7
    assert "thin_copy" not in problems(audit(), product)


@pytest.mark.django_db
def test_a_canonical_pointing_elsewhere_is_flagged_and_one_pointing_here_is_not(knives):
    elsewhere = add_product(knives, short_description=LONG_COPY, canonical_url="https://example.org/other/")
    here = add_product(knives, short_description=LONG_COPY)
    here.canonical_url = here.get_full_url()
    here.save_revision().publish()
    rows = audit()
    assert "https://example.org/other/" in problems(rows, elsewhere)["canonical_elsewhere"]["message"]
    assert "canonical_elsewhere" not in problems(rows, here)


# --- Broken links, kept fresh -------------------------------------------------------------


@pytest.mark.django_db
def test_links_to_unpublished_or_deleted_pages_are_broken(tidy_product, knives):
    gone = add_product(knives, title="Old knife")
    hidden = add_product(knives, title="Hidden knife")
    live = add_product(knives, title="Live knife")
    with_body(
        tidy_product,
        f'<p><a linktype="page" id="{gone.pk}">a</a> <a linktype="page" id="{hidden.pk}">b</a>'
        f' <a linktype="page" id="{live.pk}">c</a></p>',
    )
    hidden.unpublish()
    gone_pk = gone.pk
    gone.delete()
    rows = audit()
    messages = [p["message"] for p in rows[tidy_product.pk].problems if p["code"] == "broken_link"]
    assert messages == [
        f"The body links to page {gone_pk}, which was deleted.",
        "The body links to “Hidden knife”, which is not published.",
    ]


@pytest.mark.django_db
def test_unpublishing_a_linked_page_remeasures_the_page_linking_to_it(
    tidy_product, knives, django_capture_on_commit_callbacks
):
    target = add_product(knives, title="Target knife")
    with django_capture_on_commit_callbacks(execute=True):
        link_to(target, tidy_product)
    rows = current_rows()
    assert "broken_link" not in problems(rows, tidy_product)

    with django_capture_on_commit_callbacks(execute=True):
        target.unpublish()
    rows = current_rows()
    assert "broken_link" in problems(rows, tidy_product)
    assert target.pk not in rows  # no longer live: no longer audited


@pytest.mark.django_db
def test_publishing_a_fix_clears_the_problem_without_a_full_refresh(
    knives, django_capture_on_commit_callbacks
):
    product = add_product(knives, search_description="Short.", short_description=LONG_COPY)
    measure_everything()
    assert "description_too_short" in problems(current_rows(), product)
    with django_capture_on_commit_callbacks(execute=True):
        product.search_description = DESCRIPTION
        product.save_revision().publish()
    assert "description_too_short" not in problems(current_rows(), product)


# --- Redirects --------------------------------------------------------------------------


@pytest.mark.django_db
def test_redirect_chains_and_redirects_to_404_are_flagged(admin_client, knives):
    live = add_product(knives, title="Live knife")
    hidden = add_product(knives, title="Hidden knife")
    hidden.unpublish()
    fine = Redirect.objects.create(old_path="/fine", redirect_page=live)
    to_hidden = Redirect.objects.create(old_path="/to-hidden", redirect_page=hidden)
    chain = Redirect.objects.create(old_path="/first", redirect_link="/fine")
    nowhere = Redirect.objects.create(old_path="/nowhere", redirect_link="/no-such-page/")
    to_cart = Redirect.objects.create(old_path="/basket", redirect_link="/cart/")
    to_live_path = Redirect.objects.create(old_path="/knife", redirect_link=live.url)
    measure_everything()

    rows = {(row.page_type, row.pk): row for row in map(AuditRow, seo_audit_rows())}
    codes = {pk: row.problem_codes for (kind, pk), row in rows.items() if kind == "Redirect"}
    assert codes == {
        to_hidden.pk: ["redirect_404"],
        chain.pk: ["redirect_chain"],
        nowhere.pk: ["redirect_404"],
    }
    assert {fine.pk, to_cart.pk, to_live_path.pk}.isdisjoint(codes)
    link = rows[("Redirect", chain.pk)].problems[0]["url"]
    assert link == reverse("wagtailredirects:edit", args=[chain.pk]) + "#id_redirect_link"
    form = admin_client.get(reverse("wagtailredirects:edit", args=[chain.pk])).content.decode()
    assert 'id="id_redirect_link"' in form and 'id="id_redirect_page"' in form


# --- Product structured data -------------------------------------------------------------


def product_json_ld(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    items = json.loads(soup.find("script", type="application/ld+json").string)
    return next(item for item in items if item["@type"] == "Product")


@pytest.mark.django_db
def test_the_rendered_product_data_and_the_audit_agree(client, knives):
    good = add_product(knives, title="Good knife", short_description=LONG_COPY)
    bare = add_product(knives, title="Bare knife", image=False, short_description=LONG_COPY)
    assert missing_product_properties(product_json_ld(client.get(good.url))) == []
    assert missing_product_properties(product_json_ld(client.get(bare.url))) == ["image"]
    rows = audit()
    assert "product_data_invalid" not in problems(rows, good)
    assert problems(rows, bare)["product_data_invalid"]["message"] == (
        "Product structured data lacks what Google requires: image."
    )


def test_missing_product_properties_names_each_gap():
    assert missing_product_properties({}) == ["name", "image", "offers"]
    offer = {"price": "0", "priceCurrency": "euro", "availability": "InStock"}
    assert missing_product_properties({"name": "x", "image": ["u"], "offers": offer}) == [
        "offers.price",
        "offers.priceCurrency",
        "offers.availability",
    ]


@pytest.mark.django_db
def test_story_pages_are_audited_with_their_own_checks(home_page):
    index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=index, title="Story", date=datetime.date(2026, 1, 1))
    assert StoryPage.objects.filter(pk=story.pk).exists()
    assert "thin_copy" not in problems(audit(), story)  # a products-only rule


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{"problem": "bogus"}, {"page_type": "auth.user"}, {"p": "abc"}, {"p": "99999"}, {"problem": "\x00"}],
)
def test_bad_report_parameters_never_answer_500(admin_client, knives, params):
    add_product(knives, search_description="Short.")
    measure_everything()
    assert admin_client.get("/admin/reports/seo-audit/", params).status_code in (200, 404)


@pytest.mark.django_db
def test_a_described_gallery_image_is_not_flagged_and_renders_its_description(client, tidy_product):
    described, bare = make_image("DSC_0002"), make_image("DSC_0003")
    described.description = "A knife on a walnut board"
    described.save()
    block = ProductPage.body.field.stream_block
    tidy_product.body = StreamValue(
        block, [("gallery", {"images": [described, bare], "caption": "Our knives"})]
    )
    tidy_product.save_revision().publish()
    messages = [p["message"] for p in audit()[tidy_product.pk].problems if p["code"] == "image_alt_missing"]
    assert len(messages) == 1 and "DSC_0003" in messages[0]
    assert 'alt="A knife on a walnut board"' in client.get(tidy_product.url).content.decode()


@pytest.mark.django_db
def test_renaming_one_twin_clears_the_duplicate_on_the_other_without_a_full_refresh(
    knives, django_capture_on_commit_callbacks
):
    first = add_product(
        knives, title="Santoku knife", short_description=LONG_COPY, search_description=DESCRIPTION
    )
    second = add_product(knives, title="Santoku knife", slug="santoku-2", short_description=LONG_COPY)
    rows = audit()
    assert "title_duplicate" in problems(rows, first) and "title_duplicate" in problems(rows, second)
    assert problems(rows, first)["title_duplicate"]["message"] == "1 other live page(s) have the same title."

    with django_capture_on_commit_callbacks(execute=True):
        second.title = "Nakiri knife"
        second.save_revision().publish()
    rows = current_rows()
    assert "title_duplicate" not in problems(rows, first)
    assert "title_duplicate" not in problems(rows, second)


@pytest.mark.django_db
def test_deleting_one_twin_clears_the_duplicate_on_the_other(knives, django_capture_on_commit_callbacks):
    first = add_product(
        knives, title="Gyuto knife", short_description=LONG_COPY, search_description=DESCRIPTION
    )
    second = add_product(knives, title="Gyuto knife", slug="gyuto-2", short_description=LONG_COPY)
    assert "title_duplicate" in problems(audit(), first)
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert "title_duplicate" not in problems(current_rows(), first)


# --- What a change costs ----------------------------------------------------------------


@pytest.fixture
def measured(monkeypatch):
    """The audit's measurements as they run, each still doing its work: page-id sets and redirect runs."""
    from home.seo import audit as audit_module

    calls = {"pages": [], "redirects": 0}
    measure_pages, measure_redirects = audit_module.measure_pages, audit_module.measure_redirects

    def pages(ids=None):
        calls["pages"].append(None if ids is None else set(ids))
        return measure_pages(ids)

    def redirects():
        calls["redirects"] += 1
        return measure_redirects()

    monkeypatch.setattr(audit_module, "measure_pages", pages)
    monkeypatch.setattr(audit_module, "measure_redirects", redirects)
    return calls


# Transactional: the admin publishes in autocommit, where each save's commit hooks run at once.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_restorable_database")
def test_publishing_an_edit_in_the_admin_measures_the_page_once_and_not_the_redirects(
    admin_client, knives, measured
):
    from home.tests.workflow_admin import post_edit

    linking = add_product(knives, title="Paring knife", short_description=LONG_COPY)
    product = add_product(knives, title="Bread knife", search_description="Short.")
    link_to(product, linking)
    Redirect.objects.create(old_path="/old-bread-knife", redirect_page=product)
    measured["pages"].clear()
    measured["redirects"] = 0

    response = post_edit(admin_client, product, "action-publish", search_description=DESCRIPTION)

    assert response.status_code == 302
    # Its address and live state are as they were: redirects and the page linking here keep their verdicts.
    assert measured == {"pages": [{product.pk}], "redirects": 0}
    assert "description_too_short" not in problems(current_rows(), product)

    response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[product.pk]))
    assert response.status_code == 302
    assert measured["pages"][1:] == [{product.pk, linking.pk}]
    assert measured["redirects"] == 1
    rows = current_rows()
    assert "broken_link" in problems(rows, linking)
    assert product.pk not in rows


@pytest.mark.django_db
def test_saving_a_draft_shows_its_title_in_the_audit_without_measuring(
    admin_client, knives, measured, django_capture_on_commit_callbacks
):
    from home.tests.workflow_admin import post_edit

    with django_capture_on_commit_callbacks(execute=True):
        product = add_product(knives, title="Carving knife")
    measured["pages"].clear()
    measured["redirects"] = 0

    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(admin_client, product, "action-save", title="Carving knife, walnut handle")

    assert response.status_code == 302
    assert measured == {"pages": [], "redirects": 0}
    assert current_rows()[product.pk].entry.title == "Carving knife, walnut handle"
    assert ProductPage.objects.get(pk=product.pk).title == "Carving knife"  # the live page is as it was


@pytest.mark.django_db
def test_renaming_an_unpublished_page_renames_it_in_the_messages_of_pages_linking_to_it(
    tidy_product, knives, django_capture_on_commit_callbacks
):
    target = add_product(knives, title="Hidden knife")
    with django_capture_on_commit_callbacks(execute=True):
        link_to(target, tidy_product)
        target.unpublish()
    assert problems(current_rows(), tidy_product)["broken_link"]["message"].endswith(
        "“Hidden knife”, which is not published."
    )

    with django_capture_on_commit_callbacks(execute=True):
        target.title = "Paring knife"
        target.save()

    message = problems(current_rows(), tidy_product)["broken_link"]["message"]
    assert message == "The body links to “Paring knife”, which is not published."


@pytest.mark.django_db
def test_categories_grown_by_the_demo_loader_are_measured_with_the_redirects(
    knives, measured, django_capture_on_commit_callbacks
):
    from catalogue.demo.loader import announce_grown_categories

    with django_capture_on_commit_callbacks(execute=True):
        announce_grown_categories({knives.pk: knives})

    # Its products arrive in bulk, without saves: a redirect to one of them may answer now.
    assert measured["pages"] and knives.pk in measured["pages"][-1]
    assert measured["redirects"] == 1
