"""A site-wide meta description: the home page, and any page without one, still describe themselves."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from catalogue.tests.fixtures import add_product
from users.factories import UserFactory

SITE_DESCRIPTION = "Good tools for good kitchens: knives, pans and coffee kit chosen by people who cook."


def description(response) -> str | None:
    tag = BeautifulSoup(response.content, "html.parser").head.find("meta", attrs={"name": "description"})
    return tag["content"] if tag else None


def set_site_description_in_admin(text: str) -> None:
    marketer = Client()
    marketer.force_login(UserFactory(superuser=True))
    site = Site.objects.get(is_default_site=True)
    response = marketer.post(
        reverse("wagtailsettings:edit", args=["home", "seosettings", site.pk]),
        {
            "title_suffix": " | Wagtail Shop",
            "default_meta_description": text,
            "organisation_name": "Wagtail Shop",
            "twitter_handle": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.django_db
def test_the_home_page_uses_the_site_wide_description_set_in_the_admin(home_page):
    assert description(Client().get("/")) is None
    set_site_description_in_admin(SITE_DESCRIPTION)
    assert description(Client().get("/")) == SITE_DESCRIPTION


@pytest.mark.django_db
def test_a_pages_own_description_or_summary_wins_over_the_site_default(knives):
    set_site_description_in_admin(SITE_DESCRIPTION)
    product = add_product(
        knives, search_description="A chef's knife forged from high-carbon steel for daily work."
    )
    assert description(Client().get(product.url)).startswith("A chef's knife")
    knives.intro = "Every knife we sell, from paring to bread."
    knives.save_revision().publish()
    assert description(Client().get(knives.url)) == "Every knife we sell, from paring to bread."


@pytest.mark.django_db
def test_the_site_default_reaches_a_cached_home_page_at_once(home_page, settings):
    settings.PAGE_CACHE_SECONDS = 600
    Client().get("/")
    assert Client().get("/")["X-Page-Cache"] == "hit"
    set_site_description_in_admin(SITE_DESCRIPTION)
    assert description(Client().get("/")) == SITE_DESCRIPTION
