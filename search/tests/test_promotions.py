"""Marketers' pinned results (wagtail.contrib.search_promotions) lead the first page of a search."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory

URL = reverse("search")


def pin(query_string, page=None, **fields):
    return SearchPromotion.objects.create(query=Query.get(query_string), page=page, **fields)


@pytest.mark.django_db
def test_a_pinned_product_comes_first_and_only_once(client, shelf):
    pin("Knife", page=shelf["pan"], sort_order=0)

    response = client.get(URL, {"q": "knife"})

    html = response.content.decode()
    assert [product.title for product in response.context["promotions"].products] == ["Frying pan"]
    assert [product.title for product in response.context["products"]] == ["Bread knife", "Santoku knife"]
    assert html.index("Frying pan") < html.index("Bread knife")
    assert html.count('<h3 class="card-title">Frying pan</h3>') == 1
    assert "Top picks for “knife”" in html


@pytest.mark.django_db
def test_a_pinned_product_shows_even_when_the_words_do_not_match_it(client, shelf):
    pin("gift", page=shelf["shears"])

    response = client.get(URL, {"q": "gift"})

    assert [product.title for product in response.context["promotions"].products] == ["Pruning shears"]
    assert "No results" not in response.content.decode()


@pytest.mark.django_db
def test_pinned_stories_and_external_links_are_listed_in_order(client, home_page, shelf):
    story = StoryPageFactory(parent=StoryIndexPageFactory(parent=home_page), title="Knife care")
    pin(
        "knife",
        external_link_url="https://example.com/sharpening",
        external_link_text="Sharpening service",
        sort_order=1,
    )
    pin("knife", page=story, description="Keep the edge", sort_order=0)

    response = client.get(URL, {"q": "knife"})

    links = response.context["promotions"].links
    assert [link.title for link in links] == ["Knife care", "Sharpening service"]
    html = response.content.decode()
    assert 'href="https://example.com/sharpening"' in html
    assert "Keep the edge" in html
    assert story not in response.context["story_results"]


@pytest.mark.django_db
def test_an_unpublished_pinned_page_is_left_out(client, shelf):
    pin("knife", page=shelf["pan"])
    shelf["pan"].unpublish()

    response = client.get(URL, {"q": "knife"})

    assert not response.context["promotions"]


@pytest.mark.django_db
def test_pins_give_way_to_filters_and_later_pages(client, shelf):
    pin("knife", page=shelf["pan"])

    filtered = client.get(URL, {"q": "knife", "brand": "opinel"})

    assert not filtered.context["promotions"]
    assert [product.title for product in filtered.context["products"]] == ["Santoku knife"]
