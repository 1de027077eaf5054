"""Every API v2 query parameter: a bad value answers 400 with a message, never a 500."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import Locale

from catalogue.api import MAX_OFFSET
from catalogue.tests.conftest import add_product
from tests.hostile import DATABASE_EXAMPLES, REPORTED_QUERIES, hostile_text

PRODUCTS = {"type": "catalogue.ProductPage"}
HUGE = str(10**30)


@pytest.fixture
def catalogue(knives):
    return add_product(knives, title="Chef knife", sku="KN-100", price="49.90", stock=3)


# (endpoint, parameters, words the message must contain)
BAD_REQUESTS = [
    ("pages", {"price": "abc", **PRODUCTS}, "price"),
    ("pages", {"price": "1e999", **PRODUCTS}, "price"),
    ("pages", {"price": "NaN", **PRODUCTS}, "price"),
    ("pages", {"price": "Infinity", **PRODUCTS}, "price"),
    ("pages", {"price": "12345678901234", **PRODUCTS}, "price"),
    ("pages", {"stock": "-x", **PRODUCTS}, "stock"),
    ("pages", {"stock": HUGE, **PRODUCTS}, "stock"),
    ("pages", {"stock": "-1", **PRODUCTS}, "stock"),
    ("pages", {"sku": "KN\x00100", **PRODUCTS}, "null"),
    ("pages", {"sku": "x" * 65, **PRODUCTS}, "sku"),
    ("pages", {"brand": "abc", **PRODUCTS}, "brand"),
    ("pages", {"brand": HUGE, **PRODUCTS}, "brand"),
    ("pages", {"id": HUGE}, "id"),
    ("pages", {"first_published_at": "yesterday"}, "first_published_at"),
    ("pages", {"show_in_menus": "maybe"}, "show_in_menus"),
    ("pages", {"offset": "abc"}, "offset"),
    ("pages", {"offset": "-1"}, "offset"),
    ("pages", {"offset": HUGE}, "offset"),
    ("pages", {"offset": str(MAX_OFFSET + 1)}, "offset"),
    ("pages", {"limit": "abc"}, "limit"),
    ("pages", {"limit": "-5"}, "limit"),
    ("pages", {"limit": HUGE}, "limit"),
    ("pages", {"order": "nonsense"}, "order"),
    ("pages", {"order": "-"}, "order"),
    ("pages", {"order": "random", "offset": "5"}, "random"),
    ("pages", {"order": "random,title"}, "random"),
    ("pages", {"search": "knife\x00"}, "null"),
    ("pages", {"search": "knife " * 100}, "search"),
    ("pages", {"search": "knife", "search_operator": "xor"}, "search_operator"),
    ("pages", {"search": "knife", "order": "sku", **PRODUCTS}, "sku"),
    ("pages", {"locale": "\x00"}, "null"),
    ("pages", {"locale": "xx-nowhere"}, "locale"),
    ("pages", {"fields": "nonsense"}, "unknown fields"),
    ("pages", {"fields": "title(id)"}, "nested"),
    ("pages", {"fields": "brand(nonsense)", **PRODUCTS}, "unknown fields"),
    ("pages", {"fields": "((("}, "fields"),
    ("pages", {"fields": "brand(" * 300, **PRODUCTS}, "fields"),
    ("pages", {"fields": "x" * 5000}, "too long"),
    ("pages", {"type": "nonsense"}, "type"),
    ("pages", {"type": "auth.User"}, "type"),
    ("pages", {"type": "a.b.c"}, "type"),
    ("pages", {"type": ","}, "type"),
    ("pages", {"child_of": "abc"}, "child_of"),
    ("pages", {"child_of": HUGE}, "child_of"),
    ("pages", {"child_of": "-3"}, "child_of"),
    ("pages", {"child_of": "999999"}, "exist"),
    ("pages", {"descendant_of": "abc"}, "descendant_of"),
    ("pages", {"descendant_of": HUGE}, "descendant_of"),
    ("pages", {"ancestor_of": "abc"}, "ancestor_of"),
    ("pages", {"ancestor_of": HUGE}, "ancestor_of"),
    ("pages", {"translation_of": "abc"}, "translation_of"),
    ("pages", {"translation_of": HUGE}, "translation_of"),
    ("pages", {"site": "nowhere.example"}, "site"),
    ("pages", {"site": "localhost:abc"}, "site port"),
    ("pages", {"site": "localhost:" + HUGE}, "site port"),
    ("pages", {"format": "xml"}, "format"),
    ("pages", {"nonsense": "1"}, "nonsense"),
    ("pages", {"\x00": "1"}, "null"),
    ("images", {"width": "abc"}, "width"),
    ("images", {"width": HUGE}, "width"),
    ("images", {"offset": HUGE}, "offset"),
    ("images", {"search": "\x00"}, "null"),
    ("images", {"search_operator": "nope"}, "search_operator"),
    ("images", {"order": "nonsense"}, "order"),
    ("images", {"fields": "nonsense"}, "unknown fields"),
    ("images", {"title": "a\x00"}, "null"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("endpoint", "params", "message"), BAD_REQUESTS, ids=repr)
def test_a_bad_parameter_answers_400_with_a_message(client, catalogue, endpoint, params, message):
    response = client.get(f"/api/v2/{endpoint}/", params)

    assert response.status_code == 400, response.content[:300]
    assert message in response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/find/?id=abc",
        f"/api/v2/pages/find/?id={HUGE}",
        "/api/v2/pages/find/?html_path=%00",
        "/api/v2/pages/find/?html_path=/kitchen/%00/",
        "/api/v2/pages/find/?id=1&offset=" + HUGE,
        "/api/v2/images/find/?id=abc",
        "/api/v2/pages/{pk}/?fields=nonsense",
        "/api/v2/pages/{pk}/?fields=" + "brand(" * 300,
        "/api/v2/pages/{pk}/?site=nowhere.example",
        "/api/v2/pages/{pk}/?locale=%00",
    ],
)
def test_detail_and_find_views_answer_400_to_bad_parameters(client, catalogue, path):
    response = client.get(path.format(pk=catalogue.pk))

    assert response.status_code == 400, response.content[:300]
    assert response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        f"/api/v2/pages/{HUGE}/",
        "/api/v2/images/99999999999999999999/",
        "/api/v2/pages/find/?html_path=/nowhere/",
    ],
)
def test_a_page_that_cannot_exist_is_a_404(client, catalogue, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"price": "49.90", **PRODUCTS},
        {"price": "49.9", **PRODUCTS},
        {"sku": "KN-100", **PRODUCTS},
        {"offset": "0", "limit": "20"},
        {"offset": str(MAX_OFFSET)},
        {"search": "knife"},
        {"search": "chef knife", "search_operator": "or"},
        {"search": '"chef knife"', **PRODUCTS},
        *({"search": query} for query in REPORTED_QUERIES),
        {"child_of": "root"},
        {"order": "-title"},
        {"order": "random"},
        {"fields": "sku,price,brand,tags", **PRODUCTS},
        {"site": "localhost"},
        {"site": "localhost:80"},
        {"format": "json"},
    ],
    ids=repr,
)
def test_good_parameters_still_answer_200(client, catalogue, params):
    response = client.get("/api/v2/pages/", params)

    assert response.status_code == 200, response.content[:300]


@pytest.mark.django_db
def test_the_default_locale_is_a_valid_filter(client, catalogue):
    response = client.get("/api/v2/pages/", {"locale": Locale.get_default().language_code, **PRODUCTS})

    assert [item["id"] for item in response.json()["items"]] == [catalogue.pk]


@pytest.mark.django_db
def test_a_price_filter_finds_the_product(client, catalogue):
    items = client.get("/api/v2/pages/", {"price": "49.90", **PRODUCTS}).json()["items"]

    assert [item["id"] for item in items] == [catalogue.pk]


@pytest.mark.django_db
def test_search_reads_quotes_as_a_phrase_like_the_search_box(client, catalogue, knives):
    add_product(knives, image=False, title="Knife chef", sku="KN-101")

    items = client.get("/api/v2/pages/", {"search": '"chef knife"', **PRODUCTS}).json()["items"]

    assert [item["title"] for item in items] == ["Chef knife"]


PARAMETERS = {
    "pages": [
        "limit",
        "offset",
        "order",
        "search",
        "search_operator",
        "fields",
        "type",
        "child_of",
        "descendant_of",
        "ancestor_of",
        "translation_of",
        "locale",
        "site",
        "format",
        "id",
        "title",
        "slug",
        "show_in_menus",
        "first_published_at",
        "price",
        "stock",
        "sku",
        "brand",
        "currency",
        "tags",
    ],
    "images": [
        "limit",
        "offset",
        "order",
        "search",
        "search_operator",
        "fields",
        "id",
        "title",
        "width",
        "tags",
    ],
}
VIEWS = {"pages": ["", "find/", "{pk}/"], "images": ["", "find/"]}

numbers = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.sampled_from(["1e999", "-0", "NaN", "Infinity", "0x10", "1_000", "١٢٣", " 5 ", "5.5", ""]),
)
values = st.one_of(
    numbers, hostile_text, st.sampled_from(["root", "random", "and", "or", "catalogue.ProductPage"])
)


@pytest.mark.django_db
@settings(max_examples=DATABASE_EXAMPLES)
@given(
    endpoint=st.sampled_from(sorted(PARAMETERS)),
    view=st.integers(0, 2),
    data=st.data(),
)
def test_random_values_for_random_parameters_never_answer_5xx(client, catalogue, endpoint, view, data):
    names = data.draw(st.lists(st.sampled_from(PARAMETERS[endpoint]), min_size=1, max_size=4, unique=True))
    params = {name: data.draw(values, label=name) for name in names}
    if data.draw(st.booleans(), label="products only"):
        params.setdefault("type", "catalogue.ProductPage")
    path = VIEWS[endpoint][view % len(VIEWS[endpoint])].format(pk=catalogue.pk)

    response = client.get(f"/api/v2/{endpoint}/{path}", params)

    assert response.status_code in (200, 302, 400, 404), (response.status_code, params)
    if response.status_code in (400, 404):
        assert response.json()["message"]
