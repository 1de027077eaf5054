"""The friendly 404 and 500 pages."""

import pytest
from django.template.loader import render_to_string


@pytest.mark.django_db
def test_a_missing_page_gets_the_friendly_404_inside_the_site_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "We couldn’t find that page" in content
    assert 'href="/"' in content
    # The full layout, so the visitor still has navigation and search.
    assert 'class="skip-link"' in content
    assert 'role="search"' in content


def test_the_500_page_renders_without_a_request_or_context():
    # Django's server_error view renders 500.html with an empty context, and the
    # page must not need the database either: it may be why we are failing.
    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html
    assert 'href="/"' in html
