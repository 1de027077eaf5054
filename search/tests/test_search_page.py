"""/search/: ranked, filtered, sorted and faceted product results, other pages, and help when nothing is found."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query

from catalogue.factories import StoryIndexPageFactory, StoryPageFactory
from catalogue.tests.fixtures import add_product
from search.hit_counts import search_hits_flush
from search.models import ZeroResultDailyHits
from search.services import search_record

URL = reverse("search")


def titles(response):
    return [product.title for product in response.context["products"]]


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_results_are_product_cards_best_match_first(client, shelf):
    response = search(client, q="knife")

    assert titles(response) == ["Bread knife", "Santoku knife", "Frying pan"]
    html = response.content.decode()
    assert html.count('class="card product-card"') == 3
    assert "3 products" in html
    assert "Results for “knife”" in html
    assert '<meta name="robots" content="noindex,follow">' in html


@pytest.mark.django_db
def test_an_empty_query_shows_the_search_form_and_suggestions(client, shelf):
    response = search(client, q="   ")

    html = response.content.decode()
    assert 'id="search-page-q"' in html
    assert "products" not in response.context or not response.context.get("products")
    assert [page.title for page in response.context["top_categories"]] == ["Kitchen", "Garden"]
    assert not Query.objects.exists()


@pytest.mark.django_db
def test_category_filter_covers_the_whole_subtree(client, shelf, kitchen, knives):
    assert sorted(titles(search(client, q="knife", category=kitchen.pk))) == [
        "Bread knife",
        "Frying pan",
        "Santoku knife",
    ]
    assert sorted(titles(search(client, q="knife", category=knives.pk))) == ["Bread knife", "Santoku knife"]


@pytest.mark.django_db
def test_price_range_filter(client, shelf):
    assert titles(search(client, q="knife", min_price="40", max_price="60")) == ["Frying pan"]
    # Swapped bounds are read the right way round, as in category listings.
    assert titles(search(client, q="knife", min_price="60", max_price="40")) == ["Frying pan"]
    assert sorted(titles(search(client, q="knife", min_price="50"))) == ["Frying pan", "Santoku knife"]


@pytest.mark.django_db
def test_in_stock_filter(client, shelf):
    assert "Bread knife" not in titles(search(client, q="knife", in_stock="1"))
    assert "Bread knife" in titles(search(client, q="knife"))


@pytest.mark.django_db
def test_brand_filter(client, shelf):
    assert sorted(titles(search(client, q="knife", brand="victorinox"))) == ["Bread knife", "Frying pan"]
    assert titles(search(client, q="knife", brand="opinel")) == ["Santoku knife"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price_asc", ["Bread knife", "Frying pan", "Santoku knife"]),
        ("price_desc", ["Santoku knife", "Frying pan", "Bread knife"]),
        (
            "newest",
            ["Frying pan", "Bread knife", "Santoku knife"],
        ),  # the shelf fixture adds them in this order
    ],
)
def test_sorting(client, shelf, sort, expected):
    from django.utils import timezone

    for offset, name in enumerate(["santoku", "bread", "pan"]):
        shelf[name].first_published_at = timezone.now() - timezone.timedelta(days=10 - offset)
        shelf[name].save(update_fields=["first_published_at"])

    assert titles(search(client, q="knife", sort=sort)) == expected


@pytest.mark.django_db
def test_brand_facets_count_matches_under_the_other_filters(client, shelf):
    response = search(client, q="knife")
    assert [(facet.label, facet.count) for facet in response.context["brand_facets"]] == [
        ("Victorinox", 2),
        ("Opinel", 1),
    ]

    # In stock only: the sold-out bread knife no longer counts for Victorinox.
    response = search(client, q="knife", in_stock="1")
    assert [(facet.label, facet.count) for facet in response.context["brand_facets"]] == [
        ("Opinel", 1),
        ("Victorinox", 1),
    ]

    # Choosing a brand keeps the other brands on offer, with their counts.
    response = search(client, q="knife", brand="opinel")
    facets = response.context["brand_facets"]
    assert [(facet.label, facet.count, facet.selected) for facet in facets] == [
        ("Victorinox", 2, False),
        ("Opinel", 1, True),
    ]
    assert 'href="?q=knife&amp;brand=victorinox"' in response.content.decode()


@pytest.mark.django_db
def test_category_facets_count_subtrees_and_drill_down(client, shelf, kitchen, knives, garden):
    add_product(garden, title="Garden knife", price=Decimal("15.00"))

    response = search(client, q="knife")
    facets = response.context["category_facets"]
    assert facets.scope is None
    assert [(facet.label, facet.count) for facet in facets.values] == [("Kitchen", 3), ("Garden", 1)]
    assert f'href="?q=knife&amp;category={kitchen.pk}"' in response.content.decode()

    response = search(client, q="knife", category=kitchen.pk)
    facets = response.context["category_facets"]
    assert facets.scope == kitchen
    assert [(facet.label, facet.count) for facet in facets.values] == [("Knives", 2), ("Cookware", 1)]

    response = search(client, q="knife", category=knives.pk, in_stock="1")
    facets = response.context["category_facets"]
    assert facets.scope_parent == kitchen
    assert facets.values == []  # a shelf has no sub-categories
    assert titles(response) == ["Santoku knife"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"sort": "bogus"},
        {"sort": "featured"},
        {"min_price": "abc", "max_price": "-5"},
        {"min_price": "1e309"},
        {"in_stock": "maybe"},
        {"brand": "not a slug!"},
        {"category": "abc"},
        {"category": "999999"},
        {"category": "-1"},
        {"category": "99999999999999999999"},
        {"page": "abc"},
        {"page": "1.5"},
    ],
)
def test_broken_parameters_fall_back_to_their_defaults(client, shelf, params):
    response = search(client, q="knife", **params)

    assert len(titles(response)) >= 1
    assert response.context["filters"]["sort"] in {"relevance"} | (
        {params.get("sort")} - {"bogus", "featured"}
    )


@pytest.mark.django_db
def test_a_category_that_is_not_a_live_category_is_ignored(client, shelf, knives):
    product = shelf["santoku"]
    # A product id is not a category; a draft category is not offered either.
    assert len(titles(search(client, q="knife", category=product.pk))) == 3
    knives.unpublish()
    response = search(client, q="knife", category=knives.pk)
    assert response.context["scope"] is None
    assert len(titles(response)) == 3


@pytest.mark.django_db
def test_results_are_paginated_and_a_page_past_the_end_is_a_404(client, knives):
    for number in range(30):
        add_product(knives, title=f"Paring knife {number}", image=False)

    first = search(client, q="paring")
    second = search(client, q="paring", page="2")

    assert len(titles(first)) == 24
    assert len(titles(second)) == 6
    assert not set(titles(first)) & set(titles(second))
    assert 'href="?q=paring&amp;page=2"' in first.content.decode()
    assert client.get(URL, {"q": "paring", "page": "3"}).status_code == 404
    assert client.get(URL, {"q": "paring", "page": "0"}).status_code == 404


@pytest.mark.django_db
def test_stories_and_categories_are_listed_next_to_products(client, home_page, shelf):
    stories = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(parent=stories, title="Caring for a knife", intro="Oil, hone, store dry.")

    response = search(client, q="knife")
    html = response.content.decode()

    assert [story.title for story in response.context["story_results"]] == ["Caring for a knife"]
    assert "Caring for a knife" in html
    assert [category.title for category in search(client, q="cookware").context["category_results"]] == [
        "Cookware"
    ]


@pytest.mark.django_db
def test_no_results_suggests_popular_searches_and_top_categories(client, shelf):
    search_record(query_string="santoku", result_count=1)
    search_record(query_string="santoku", result_count=1)
    search_record(query_string="pan", result_count=1)
    search_record(query_string="unicorn", result_count=0)  # never found anything: not worth suggesting

    response = search(client, q="xylophone")
    html = response.content.decode()

    assert "No results for “xylophone”" in html
    assert response.context["popular_queries"] == ["santoku", "pan"]
    assert 'href="/search/?q=santoku"' in html
    assert [page.title for page in response.context["top_categories"]] == ["Kitchen", "Garden"]


@pytest.mark.django_db
def test_filters_that_exclude_everything_say_so_and_offer_the_plain_search(client, shelf):
    response = search(client, q="knife", min_price="1000")

    html = response.content.decode()
    assert "No products match these filters." in html
    assert 'href="/search/?q=knife"' in html


@pytest.mark.django_db
def test_the_query_is_echoed_escaped(client, shelf):
    response = search(client, q='<script>alert("x")</script>')

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


@pytest.mark.django_db
def test_each_search_records_a_query_hit_once(client, knives):
    for number in range(30):
        add_product(knives, title=f"Paring knife {number}", image=False)

    search(client, q="Paring")
    search(client, q="paring", page="2")  # paging is the same search
    search(client, q="paring", sort="price_asc")  # so is refining it
    search(client, q="nothing-like-it")
    search_hits_flush()  # with Redis, counts reach the database in batches

    assert Query.objects.get(query_string="paring").hits == 1
    assert Query.objects.get(query_string="nothing-like-it").hits == 1
    assert ZeroResultDailyHits.objects.get().query.query_string == "nothing-like-it"
    assert not ZeroResultDailyHits.objects.filter(query__query_string="paring").exists()
