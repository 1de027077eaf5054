"""The header's search box: a plain GET form that search.js enhances with suggestions."""

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.mark.django_db
def test_every_page_has_a_working_search_form_and_loads_the_enhancement(client, home_page):
    html = client.get("/").content.decode()

    assert f'<form class="search-form" role="search" action="{reverse("search")}" method="get">' in html
    assert 'name="q"' in html
    assert f'data-suggest-url="{reverse("search_suggest")}"' in html
    assert 'src="/static/js/search.js" defer' in html


def test_the_enhancement_only_writes_text_not_markup():
    script = (settings.BASE_DIR / "static" / "js" / "search.js").read_text()

    assert "innerHTML" not in script
    assert "textContent" in script
    assert 'getElementById("site-search")' in script


@pytest.mark.django_db
def test_the_search_page_keeps_the_query_in_the_header_box(client, shelf):
    html = client.get(reverse("search"), {"q": "santoku"}).content.decode()

    assert 'id="site-search" type="search" name="q" placeholder="Search products…" value="santoku"' in html
