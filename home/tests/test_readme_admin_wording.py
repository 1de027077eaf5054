"""The README names the admin's tabs and fields as the admin itself shows them."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from catalogue.factories import (
    CategoryPageFactory,
    ProductPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
# Prose wraps: "*Show in\n  menus*" is the label "Show in menus".
README_PROSE = " ".join(README.split())
TAB_LABEL = re.compile(r'<a id="tab-label-[\w-]+"[^>]*role="tab"[^>]*>\s*([^<]+?)\s*<')
# A field's label, or a top-level field's heading (its label wraps the text in a span).
FIELD_LABEL = re.compile(r"<label[^>]*>\s*(?:<span data-panel-heading-text>)?([^<]+?)\s*<")


def readme_tabs() -> dict[str, list[str]]:
    """The README's "| Page type | Tabs |" table, as page type -> tab names."""
    table = README.split("| Page type | Tabs |", 1)[1].split("\n\n", 1)[0]
    rows = [line.strip("|").split("|") for line in table.strip().splitlines()[1:]]
    return {name.strip(): re.findall(r"\*([^*]+)\*", tabs) for name, tabs in rows}


@pytest.fixture
def pages(home_page):
    category = CategoryPageFactory(parent=home_page)
    stories = StoryIndexPageFactory(parent=home_page)
    return {
        "Home page": home_page,
        "Category": category,
        "Product": ProductPageFactory(parent=category),
        "Stories (index)": stories,
        "Story": StoryPageFactory(parent=stories),
    }


def edit_view_html(client, page) -> str:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_the_readme_lists_each_page_types_tabs_as_the_editor_shows_them(admin_client, pages):
    documented = readme_tabs()

    assert set(documented) == set(pages)
    for name, page in pages.items():
        assert TAB_LABEL.findall(edit_view_html(admin_client, page)) == documented[name], name


def test_the_readme_sends_no_one_to_a_settings_tab():
    # Wagtail 7.4 has none: scheduling sits in the Status side panel.
    mentions = re.findall(r"[^.]*\*?Settings\*? tab[^.]*", README_PROSE)
    assert all("There is no *Settings* tab" in mention for mention in mentions), mentions


@pytest.mark.django_db
def test_the_field_labels_the_readme_uses_are_the_admins(admin_client, pages):
    labels = set(FIELD_LABEL.findall(edit_view_html(admin_client, pages["Product"])))
    named_in_readme = [
        "Slug",
        "Title tag",
        "Meta description",
        "Social sharing image",
        "Canonical URL",
        "Hide from search engines",
        "Show in menus",
        "Short description",
        "SKU",
        "Price",
        "Sale price",
        "Sale starts",
        "Sale ends",
        "Stock",
        "GTIN",
        "MPN",
        "Brand",
        "Tags",
        "Featured",
        "Leave out of the product feed",
    ]
    for label in named_in_readme:
        assert f"*{label}*" in README_PROSE, label
        assert label in labels, label
