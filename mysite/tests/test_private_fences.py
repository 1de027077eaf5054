"""Fences: every private name of a library the shop leans on, checked so an upgrade breaks here, loudly.

Each fence names where the private thing is used. When one fails after an upgrade, change
that code (and this fence) to what the new version offers; do not only edit the test.
Names that libraries document as public despite the underscore (``Model._meta``,
``Model._default_manager``) are not fenced.
"""

import importlib.metadata
import inspect
import re
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.utils.functional import cached_property
from modelsearch.backends.base import BaseSearchResults
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from rest_framework.request import Request
from wagtail.models import Page, Site

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"


def pinned_versions() -> dict[str, str]:
    pins = {}
    for line in REQUIREMENTS.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.split("[")[0].lower()] = version
    return pins


def test_modelsearch_is_pinned_exactly_and_installed_at_that_version():
    # search/backends/ subclasses modelsearch and calls its underscore methods (below).
    pins = pinned_versions()
    assert re.fullmatch(r"\d+(\.\d+)+", pins["modelsearch"])
    assert importlib.metadata.version("modelsearch") == pins["modelsearch"]


def test_every_runtime_requirement_is_pinned_exactly():
    lines = [line.split("#")[0].strip() for line in REQUIREMENTS.read_text().splitlines()]
    assert [line for line in lines if line and "==" not in line] == []


# (class, method, the parameters our calls pass) -- used in search/backends/postgres.py.
MODELSEARCH_METHODS = [
    (PostgresSearchResults, "_do_search", ["self"]),  # overridden; super() called on the fallback
    (PostgresSearchResults, "_do_count", ["self"]),  # overridden; super() called on the fallback
    (PostgresSearchResults, "_clone", ["self"]),  # page_with_total's unsliced count
    (PostgresSearchQueryCompiler, "_build_rank_expression", ["self", "vectors", "config"]),
    (
        PostgresSearchQueryCompiler,
        "_apply_ordering_and_scoring",
        ["self", "queryset", "rank_expression", "start", "stop", "score_field"],
    ),
    (PostgresSearchQueryCompiler, "_get_filterable_field", ["self", "field_attname"]),
    (PostgresIndex, "_refresh_title_norms", ["self", "full"]),
]
# search/backends/sqlite.py (page_with_total) and grouped.py (facet_rows) on SQLite. The
# module defines models that only exist while SQLite is the database, so it is imported
# in the test, and the fence is checked on the SQLite run.
SQLITE_MODELSEARCH_METHODS = [
    ("SQLiteSearchResults", "_clone", ["self"]),
    ("SQLiteSearchQueryCompiler", "_get_filterable_field", ["self", "field_attname"]),
]


@pytest.mark.parametrize(("owner", "name", "parameters"), MODELSEARCH_METHODS)
def test_modelsearch_private_methods_keep_their_names_and_parameters(owner, name, parameters):
    assert list(inspect.signature(getattr(owner, name)).parameters) == parameters


@pytest.mark.parametrize(("owner", "name", "parameters"), SQLITE_MODELSEARCH_METHODS)
def test_modelsearch_sqlite_private_methods_keep_their_names_and_parameters(owner, name, parameters):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("modelsearch's SQLite backend only loads on SQLite")
    from modelsearch.backends.database.sqlite import sqlite

    assert list(inspect.signature(getattr(getattr(sqlite, owner), name)).parameters) == parameters


def test_modelsearch_results_remember_a_score_annotation_as_score_field():
    # EntryFirstPostgresSearchResults._matches reads _score_field: a score annotation
    # needs modelsearch's own path; CountedSQLiteSearchResults.page_with_total passes it on.
    results = BaseSearchResults(backend=None, query_compiler=None)
    assert results._score_field is None
    assert results.annotate_score("score")._score_field == "score"


@pytest.mark.django_db
def test_queryset_keeps_prefetch_lookups_in_prefetch_related_lookups():
    # search/backends/postgres.py _loads_only_pk: ids alone need no fetch unless a prefetch is asked for.
    pages = Page.objects.all()
    assert pages._prefetch_related_lookups == ()
    assert pages.prefetch_related("owner")._prefetch_related_lookups == ("owner",)


def test_cached_property_keeps_its_value_in_the_instance_dict_under_its_name():
    # catalogue/api.py attach_categories and ProductPage.category_title ask
    # `"category" in page.__dict__` to learn whether the category is loaded already.
    class Product:
        computed = 0

        @cached_property
        def category(self):
            Product.computed += 1
            return "Knives"

    product = Product()
    assert "category" not in product.__dict__
    assert product.category == "Knives" and "category" in product.__dict__
    other = Product()
    other.category = "Given"  # what attach_categories does: Django documents setting it
    assert "category" in other.__dict__ and other.category == "Given" and Product.computed == 1


@pytest.mark.django_db
def test_wagtail_routes_a_request_through_the_route_left_on_it():
    # home/serving/routing.py serve: the route found in two queries is left on the request as
    # _wagtail_route_for_request (Wagtail's docstring names it) so Wagtail's serve reuses it.
    request = RequestFactory().get("/anything/")
    route = (object(), [], {})
    request._wagtail_route_for_request = route
    assert Page.route_for_request(request, "/anything/") is route


@pytest.mark.django_db
def test_wagtail_finds_a_requests_site_where_it_was_left():
    # home/serving/site_reads.py read_site: the site, read in one query with the root paths and
    # SEO settings, is left on the request as _wagtail_site (Site.find_for_request's docstring
    # names it) so Wagtail, and everything that asks it, reuses it.
    request = RequestFactory().get("/anything/")
    site = object()
    request._wagtail_site = site
    assert Site.find_for_request(request) is site


def test_drf_request_wraps_the_django_request_as_underscore_request():
    # users/rest.py: login(), logout() and get_token() are handed the HttpRequest itself.
    http_request = RequestFactory().post("/api/v1/auth/login/")
    assert Request(http_request)._request is http_request


def test_a_resp3_redis_connection_lets_its_parser_take_an_invalidation_handler():
    # home/serving/hot_pages.py: Redis pushes key invalidations down the tracking connection;
    # only the parser (connection._parser) reads them, also when they arrive inside a reply.
    from redis import ConnectionPool

    connection = ConnectionPool.from_url("redis://127.0.0.1:6379/0", protocol=3).make_connection()
    received = []
    connection._parser.set_invalidation_push_handler(received.append)
    connection._parser.handle_push_response([b"invalidate", [b"page:1"]])
    assert received == [[b"invalidate", [b"page:1"]]]


def csrf_verdict(cookie: str, token: str):
    """What Django's CsrfViewMiddleware makes of a form POST: None to let it through, else its 403."""
    from django.http import HttpResponse
    from django.middleware.csrf import CsrfViewMiddleware

    def view(request):
        return HttpResponse("posted")

    middleware = CsrfViewMiddleware(view)
    request = RequestFactory().post("/cart/add/", {"csrfmiddlewaretoken": token})
    request.COOKIES["csrftoken"] = cookie
    middleware.process_request(request)
    return middleware.process_view(request, view, (), {})


def test_django_unmasks_and_accepts_the_form_tokens_the_page_cache_masks_itself():
    # home/serving/csrf_secrets.py masked_token writes Django's private mask-and-cipher format
    # (_mask_cipher_secret) for cached pages; Django must read it back as the secret.
    from django.middleware.csrf import _unmask_cipher_token

    from home.serving.csrf_secrets import masked_token, new_secret

    secret = new_secret()
    tokens = [masked_token(secret).decode("ascii") for _ in range(500)]
    assert all(re.fullmatch(r"[A-Za-z0-9]{64}", token) for token in tokens)
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    # A fresh mask every time (BREACH): no two responses carry the same token.
    assert len(set(tokens)) == len({token[:32] for token in tokens}) == 500
    assert csrf_verdict(secret, tokens[0]) is None


@pytest.mark.parametrize("position", [0, 31, 32, 63])
def test_django_refuses_a_tampered_page_cache_token(position):
    from home.serving.csrf_secrets import masked_token, new_secret

    secret = new_secret()
    token = masked_token(secret).decode("ascii")
    tampered = token[:position] + ("a" if token[position] != "a" else "b") + token[position + 1 :]
    assert csrf_verdict(secret, tampered).status_code == 403
    assert csrf_verdict(new_secret(), token).status_code == 403
