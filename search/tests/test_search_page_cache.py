"""Search results pages cached whole for anonymous visitors, and dropped by what changes them."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from catalogue.models import CartLine, ProductPage
from catalogue.services.stock import stock_adjust
from catalogue.tests.fixtures import add_product
from search.hit_counts import search_hits_flush
from tests.hostile import DATABASE_EXAMPLES, hostile_text
from users.factories import UserFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def search(query: str, client=None):
    return (client or Client()).get(reverse("search"), {"q": query} if isinstance(query, str) else query)


def hits_of(query_string: str) -> int:
    search_hits_flush()
    query = Query.objects.filter(query_string=query_string).first()
    return sum(query.daily_hits.values_list("hits", flat=True)) if query else 0


@pytest.mark.django_db
def test_the_second_anonymous_search_is_a_cache_hit_with_the_same_results(shelf):
    first = search("knife")
    second = search("knife")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert "Santoku knife" in second.content.decode()
    assert '<meta name="robots" content="noindex,follow">' in second.content.decode()


@pytest.mark.django_db
def test_a_cached_search_makes_no_query(shelf, django_assert_num_queries):
    search("knife")
    with django_assert_num_queries(0):
        assert search("knife")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_every_hit_of_a_cached_search_is_counted_for_the_search_report(shelf):
    for _ in range(3):
        search("Knife")
    assert hits_of("knife") == 3


@pytest.mark.django_db
def test_refined_and_later_pages_are_cached_but_not_counted_again(shelf):
    search({"q": "knife", "sort": "price_asc"})
    search({"q": "knife", "sort": "price_asc"})
    assert search({"q": "knife", "sort": "price_asc"})["X-Page-Cache"] == "hit"
    assert hits_of("knife") == 0


@pytest.mark.django_db
def test_each_query_filter_and_page_has_its_own_entry(shelf):
    search("knife")
    by_price = search({"q": "knife", "sort": "price_desc"})
    assert by_price["X-Page-Cache"] == "miss"
    assert search("bread")["X-Page-Cache"] == "miss"
    html = search({"sort": "price_desc", "q": "knife"}).content.decode()  # same search, other order
    assert html.index("Santoku knife") < html.index("Bread knife")


@pytest.mark.django_db
def test_parameters_the_search_does_not_read_share_the_entry_and_never_reach_the_html(shelf):
    search("knife")
    tracked = search({"q": "knife", "utm_source": "newsletter"})
    assert tracked["X-Page-Cache"] == "hit"
    assert "newsletter" not in tracked.content.decode()

    fresh_key = search({"q": "bread", "utm_source": "newsletter"})
    assert fresh_key["X-Page-Cache"] == "miss" and "newsletter" not in fresh_key.content.decode()
    assert search("bread")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_newly_published_product_shows_in_the_next_search(shelf, knives):
    search("knife")
    assert search("knife")["X-Page-Cache"] == "hit"

    product = add_product(knives, title="Paring knife", price=Decimal("12.00"))
    product.save_revision().publish()

    after = search("knife")
    assert after["X-Page-Cache"] == "miss" and "Paring knife" in after.content.decode()


@pytest.mark.django_db
def test_selling_out_shows_in_cached_search_results_at_once(shelf):
    search("santoku")
    stock_adjust(product_id=shelf["santoku"].pk, change=-5, note="Count")
    after = search("santoku")
    assert after["X-Page-Cache"] == "miss" and "Sold out" in after.content.decode()


@pytest.mark.django_db
def test_an_unpublished_product_leaves_cached_search_results(shelf):
    search("santoku")
    ProductPage.objects.get(pk=shelf["santoku"].pk).unpublish()
    assert "Santoku knife" not in search("santoku").content.decode()


@pytest.mark.django_db
def test_a_marketers_new_pinned_result_shows_in_the_next_search(shelf):
    search("gift")
    query = Query.get("gift")
    SearchPromotion.objects.create(query=query, page=shelf["santoku"], sort_order=0)
    after = search("gift")
    assert after["X-Page-Cache"] == "miss" and "Santoku knife" in after.content.decode()


@pytest.mark.django_db
def test_a_new_visitor_can_add_to_cart_from_a_cached_search(shelf):
    search("santoku")
    visitor = Client(enforce_csrf_checks=True)
    page = search("santoku", visitor)
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    response = visitor.post(
        reverse("catalogue:cart_add"),
        {"product_id": shelf["santoku"].pk, "quantity": "1", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert CartLine.objects.get().quantity == 1


@pytest.mark.django_db
def test_a_shopper_with_a_cart_sees_their_own_count_on_a_cached_search(shelf):
    search("santoku")
    shopper = Client()
    shopper.post(reverse("catalogue:cart_add"), {"product_id": shelf["santoku"].pk, "quantity": "2"})
    shopper.get(reverse("catalogue:cart"))  # shows and clears the "added" message
    page = search("santoku", shopper)
    assert page["X-Page-Cache"] == "hit"
    assert re.search(r"data-cart-count>2<", page.content.decode())
    assert re.search(r"data-cart-count>0<", search("santoku").content.decode())


@pytest.mark.django_db
def test_signed_in_shoppers_get_their_own_render_and_leave_nothing_cached(shelf):
    member = Client()
    member.force_login(UserFactory())
    assert "X-Page-Cache" not in search("knife", member)
    assert "X-Page-Cache" not in search("knife", member)
    assert search("knife")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_a_page_past_the_end_is_a_404_and_not_cached(shelf):
    assert search({"q": "knife", "page": "99"}).status_code == 404
    assert search({"q": "knife", "page": "99"}).status_code == 404


@pytest.mark.django_db
def test_the_empty_search_page_is_cached_too(shelf):
    Client().get(reverse("search"))
    assert Client().get(reverse("search"))["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_publish_during_a_search_render_leaves_nothing_stale_behind(shelf, monkeypatch):
    from home.serving.cache_dependencies import namespace_tag
    from home.serving.content_cache import invalidate
    from search import views

    real_search_page = views.search_page

    def search_while_an_editor_publishes(*args, **kwargs):
        results = real_search_page(*args, **kwargs)
        invalidate({namespace_tag("search")})  # lands after this render read the index
        return results

    monkeypatch.setattr(views, "search_page", search_while_an_editor_publishes)
    assert search("knife")["X-Page-Cache"] == "miss"
    monkeypatch.setattr(views, "search_page", real_search_page)
    assert search("knife")["X-Page-Cache"] == "miss"
    assert search("knife")["X-Page-Cache"] == "hit"


def without_tokens(response) -> str:
    return TOKEN.sub("TOKEN", response.content.decode())


@pytest.mark.django_db
@hypothesis_settings(max_examples=DATABASE_EXAMPLES)
@given(
    text=hostile_text,
    sort=st.sampled_from(["", "relevance", "price_asc", "newest", "\x00", "nonsense"]),
    page=st.sampled_from(["", "1", "2", "0", "-1", "x"]),
    junk=st.text(max_size=30),
)
def test_any_search_is_answered_from_the_cache_as_its_render_answered_it(shelf, text, sort, page, junk):
    params = {"q": text, "sort": sort, "page": page, "utm_campaign": junk}
    first, second = search(params), search(params)
    assert first.status_code == second.status_code
    assert first.status_code in (200, 404)  # 404: a page past the end
    if first.status_code == 200:
        assert without_tokens(first) == without_tokens(second)
        assert second["X-Page-Cache"] == "hit"
