"""JSON-LD on every page type it belongs to, read out of the rendered page."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.tests.conftest import add_product, make_image
from home.models import SeoSettings
from users.factories import UserFactory


def json_ld(response) -> dict:
    """The page's JSON-LD items by @type."""
    soup = BeautifulSoup(response.content, "html.parser")
    items = []
    for script in soup.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        items.extend(data if isinstance(data, list) else [data])
    return {item["@type"]: item for item in items}


@pytest.mark.django_db
def test_category_has_breadcrumbs_and_an_item_list_of_the_products_it_shows(client, kitchen, knives):
    products = [add_product(knives, image=False, title=f"Knife {n:02d}") for n in range(30)]
    data = json_ld(client.get(knives.url))
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs][-2:] == ["Kitchen", "Knives"]
    assert [crumb["position"] for crumb in crumbs] == list(range(1, len(crumbs) + 1))
    assert crumbs[-1]["item"] == f"http://localhost{knives.url}"
    listed = data["ItemList"]["itemListElement"]
    assert len(listed) == 24
    assert {item["url"] for item in listed} <= {f"http://localhost{p.url}" for p in products}

    second = json_ld(client.get(knives.url, {"page": "2"}))["ItemList"]["itemListElement"]
    assert [item["position"] for item in second] == list(range(25, 31))
    assert not {item["url"] for item in second} & {item["url"] for item in listed}


@pytest.mark.django_db
def test_story_has_an_article_with_author_dates_and_image(client, home_page):
    author = UserFactory(first_name="Ada", last_name="Lovelace")
    index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(
        parent=index,
        title="Sharpening 101",
        date=datetime.date(2026, 1, 5),
        intro="How to keep an edge.",
        hero_image=make_image("Whetstone"),
        owner=author,
    )
    story.save_revision().publish()
    article = json_ld(client.get(story.url))["Article"]
    assert article["headline"] == "Sharpening 101"
    assert article["author"] == {"@type": "Person", "name": "Ada Lovelace"}
    assert article["datePublished"] == "2026-01-05"
    assert article["dateModified"].startswith(str(datetime.date.today().year))
    assert article["image"][0].startswith("http://") and "Whetstone" in article["image"][0]
    assert article["publisher"]["name"] == "Wagtail Shop"


@pytest.mark.django_db
def test_story_without_a_named_owner_is_credited_to_the_organisation(client, home_page):
    index = StoryIndexPageFactory(parent=home_page, title="Stories", slug="stories")
    story = StoryPageFactory(parent=index, title="Anonymous", date=datetime.date(2026, 1, 5))
    article = json_ld(client.get(story.url))["Article"]
    assert article["author"] == {"@type": "Organization", "name": "Wagtail Shop"}


@pytest.mark.django_db
def test_home_page_search_action_and_organisation_logo_are_valid_for_google(client, home_page):
    settings = SeoSettings.for_site(home_page.get_site())
    settings.organisation_logo = make_image("Shop logo")
    settings.save()
    data = json_ld(client.get("/"))
    organisation = data["Organization"]
    assert organisation["logo"].startswith("http://") and organisation["logo"].endswith(".png")
    assert organisation["url"] == "http://localhost/"
    action = data["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"] == {
        "@type": "EntryPoint",
        "urlTemplate": "http://testserver/search/?q={search_term_string}",
    }
    # The placeholder query-input names must be the one in the template.
    assert action["query-input"] == "required name=search_term_string"
    assert client.get("/search/", {"q": "knife"}).status_code == 200


@pytest.mark.django_db
def test_product_json_ld_is_still_in_the_head_once(client, knives):
    product = add_product(knives, title="Chef knife")
    response = client.get(product.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.head.find_all("script", type="application/ld+json")) == 1
    assert {"Product", "BreadcrumbList"} <= set(json_ld(response))


@pytest.mark.django_db
def test_not_found_page_has_no_canonical_link(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="canonical") is None
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.django_db
def test_page_two_links_back_to_the_clean_first_page(client, knives):
    for n in range(30):
        add_product(knives, image=False, title=f"Knife {n}")
    soup = BeautifulSoup(client.get(knives.url, {"page": "2"}).content, "html.parser")
    assert soup.find("a", rel="prev")["href"] == knives.url
    filtered = BeautifulSoup(
        client.get(knives.url, {"page": "2", "sort": "price_asc"}).content, "html.parser"
    )
    assert filtered.find("a", rel="prev")["href"] == "?sort=price_asc"
