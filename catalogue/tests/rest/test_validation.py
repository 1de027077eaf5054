"""Hostile parameters and bodies never make the storefront API answer 5xx, and every
refusal has the one error shape."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from catalogue.tests.fixtures import add_product
from tests.hostile import DATABASE_EXAMPLES, hostile_text
from users.factories import UserFactory

LIST_PARAMETERS = {
    "/api/v1/products/": [
        "q",
        "category",
        "brand",
        "tag",
        "min_price",
        "max_price",
        "in_stock",
        "sort",
        "page",
        "page_size",
    ],
    "/api/v1/products/{pk}/reviews/": ["page", "page_size"],
    "/api/v1/account/orders/": ["page", "page_size"],
}
numbers = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.sampled_from(["1e999", "-0", "NaN", "Infinity", "0x10", "1_000", "١٢٣", " 5 ", "5.5", ""]),
)
values = st.one_of(
    numbers, hostile_text, st.sampled_from(["true", "false", "price_asc", "relevance", "knife"])
)
json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        hostile_text,
    ),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(hostile_text, children, max_size=3),
    max_leaves=6,
)


@pytest.fixture
def catalogue(knives):
    return add_product(knives, image=False, title="Chef knife", stock=5)


def assert_error_shape(response):
    error = response.json()["error"]
    assert error["status"] == response.status_code
    assert error["code"] and error["message"]


@pytest.mark.django_db
@settings(max_examples=DATABASE_EXAMPLES)
@given(endpoint=st.sampled_from(sorted(LIST_PARAMETERS)), data=st.data())
def test_random_query_parameters_never_answer_5xx(catalogue, endpoint, data):
    names = data.draw(
        st.lists(st.sampled_from(LIST_PARAMETERS[endpoint]), min_size=1, max_size=4, unique=True)
    )
    params = {name: data.draw(values, label=name) for name in names}
    api = APIClient()
    if "account" in endpoint:
        api.force_authenticate(UserFactory())
    response = api.get(endpoint.format(pk=catalogue.pk), params)
    assert response.status_code in (200, 400, 401, 404), (response.status_code, params)
    if response.status_code != 200:
        assert_error_shape(response)


WRITES = [
    ("post", "/api/v1/cart/lines/", ["product_id", "quantity"]),
    ("patch", "/api/v1/cart/lines/{pk}/", ["quantity"]),
    (
        "post",
        "/api/v1/checkout/",
        ["email", "full_name", "country", "shipping_method", "payment_method", "city"],
    ),
    ("post", "/api/v1/products/{pk}/reviews/", ["rating", "title", "body"]),
    ("post", "/api/v1/auth/login/", ["email", "password"]),
    ("post", "/api/v1/auth/signup/", ["email", "password", "first_name", "last_name"]),
    ("patch", "/api/v1/account/profile/", ["first_name", "phone", "bio"]),
]


@pytest.mark.django_db
@settings(max_examples=DATABASE_EXAMPLES)
@given(write=st.sampled_from(WRITES), signed_in=st.booleans(), data=st.data())
def test_random_bodies_never_answer_5xx(catalogue, write, signed_in, data):
    method, path, fields = write
    body = data.draw(
        st.one_of(
            st.fixed_dictionaries({}, optional=dict.fromkeys(fields, json_values)),
            json_values,
        ),
        label="body",
    )
    api = APIClient()
    if signed_in:
        api.force_authenticate(UserFactory())
    response = getattr(api, method)(path.format(pk=catalogue.pk), body, format="json")
    assert response.status_code < 500, (response.status_code, body)
    if response.status_code >= 400:
        assert_error_shape(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/products/abc/", "/api/v1/products/99999999999999999999999/", "/api/v1/cart/lines/-1/"]
)
def test_ids_that_cannot_exist_are_json_404s(client, path):
    response = client.get(path) if "cart" not in path else client.delete(path)
    assert response.status_code == 404
    assert_error_shape(response)


@pytest.mark.django_db
def test_an_unknown_category_filter_is_a_404(client):
    response = client.get("/api/v1/products/", {"category": 987654})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "No such category."


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [("postcode", 0), ("full_name", ["Ann"]), ("city", None)])
def test_checkout_text_fields_take_text_only(client, field, value):
    from catalogue.tests.fixtures import GUEST_CHECKOUT

    response = client.post(
        "/api/v1/checkout/", {**GUEST_CHECKOUT, field: value}, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_malformed_json_is_a_400_in_the_error_shape(client):
    response = client.post("/api/v1/cart/lines/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


@pytest.mark.django_db
def test_unknown_body_fields_are_refused(client, catalogue):
    response = client.post(
        "/api/v1/cart/lines/", {"product_id": catalogue.pk, "qty": 2}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"qty": ["Unknown field."]}


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"tag": ""}, {"min_price": ""}, {"page": ""}, {"min_price": "-0.7"}])
def test_empty_or_negative_filters_are_refused(client, params):
    response = client.get("/api/v1/products/", params)
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == list(params)


@pytest.mark.django_db
def test_an_empty_search_is_a_plain_listing(client, catalogue):
    assert client.get("/api/v1/products/", {"q": ""}).json()["count"] == 1


@pytest.mark.django_db
def test_wagtail_api_v2_keeps_its_own_error_bodies(client):
    response = client.post("/api/v2/pages/", {}, content_type="application/json")
    assert response.status_code == 405
    assert "error" not in response.json()
