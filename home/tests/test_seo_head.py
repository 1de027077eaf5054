"""Head tags, sitemap, robots.txt and the instant effect of publishing on them."""

import json

import pytest
from bs4 import BeautifulSoup

from catalogue.tests.conftest import add_product, make_image
from home.models import SeoSettings

GOOD_DESCRIPTION = "A sharp, balanced chef's knife forged from high-carbon steel for everyday kitchen work."


def head(response):
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


@pytest.mark.django_db
def test_product_head_has_title_description_canonical_and_social_tags(client, knives):
    product = add_product(knives, title="Chef knife", search_description=GOOD_DESCRIPTION)
    soup = head(client.get(product.url))
    assert soup.title.string == "Chef knife | Wagtail Shop"
    assert meta(soup, name="description") == GOOD_DESCRIPTION
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == f"http://testserver{product.url}" or canonical.endswith(product.url)
    assert canonical.startswith("http")
    assert meta(soup, property="og:title") == "Chef knife | Wagtail Shop"
    assert meta(soup, property="og:type") == "product"
    assert meta(soup, property="og:url") == canonical
    assert meta(soup, property="og:image").startswith("http") and ".jpg" in meta(soup, property="og:image")
    assert meta(soup, name="twitter:card") == "summary_large_image"
    assert meta(soup, name="robots") is None


@pytest.mark.django_db
def test_seo_title_and_fallback_description(client, knives):
    product = add_product(
        knives, title="Chef knife", seo_title="Best chef knife", short_description="Short one"
    )
    soup = head(client.get(product.url))
    assert soup.title.string == "Best chef knife"
    assert meta(soup, name="description") == "Short one"


@pytest.mark.django_db
def test_canonical_drops_filters_but_keeps_pagination(client, knives):
    for n in range(30):
        add_product(knives, image=False, title=f"Knife {n}")
    soup = head(client.get(knives.url, {"sort": "price_asc", "page": "2"}))
    assert soup.find("link", rel="canonical")["href"].endswith(f"{knives.url}?page=2")
    assert meta(soup, name="robots") == "noindex,follow"
    plain = head(client.get(knives.url))
    assert plain.find("link", rel="canonical")["href"].endswith(knives.url)
    assert meta(plain, name="robots") is None


@pytest.mark.django_db
def test_canonical_override_and_noindex(client, knives):
    product = add_product(knives, canonical_url="https://example.org/the-knife/", noindex=True)
    soup = head(client.get(product.url))
    assert soup.find("link", rel="canonical")["href"] == "https://example.org/the-knife/"
    assert meta(soup, name="robots") == "noindex,follow"


@pytest.mark.django_db
def test_og_image_falls_back_to_site_default(client, home_page, kitchen):
    settings = SeoSettings.for_site(home_page.get_site())
    settings.default_og_image = make_image("Default share")
    settings.save()
    soup = head(client.get(kitchen.url))
    assert "Default_share" in meta(soup, property="og:image")


@pytest.mark.django_db
def test_home_page_has_organisation_and_website_json_ld(client, home_page):
    settings = SeoSettings.for_site(home_page.get_site())
    settings.organisation_name = "Wagtail Shop Ltd"
    settings.twitter_handle = "wagtailshop"
    settings.save()
    response = client.get("/")
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script", type="application/ld+json")
    data = [item for script in scripts for item in json.loads(script.string)]
    types = {item["@type"]: item for item in data}
    assert types["Organization"]["name"] == "Wagtail Shop Ltd"
    action = types["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"].endswith("/search/?q={search_term_string}")
    assert meta(head(response), name="twitter:site") == "@wagtailshop"


@pytest.mark.django_db
def test_search_results_are_noindex(client):
    assert meta(head(client.get("/search/", {"q": "knife"})), name="robots") == "noindex,follow"


@pytest.mark.django_db
def test_sitemap_lists_live_indexable_pages_with_lastmod(client, knives):
    product = add_product(knives, title="Listed")
    hidden = add_product(knives, title="Hidden", noindex=True)
    draft = add_product(knives, title="Draft", live=False)
    xml = client.get("/sitemap.xml").getvalue().decode()
    assert product.url in xml and knives.url in xml
    assert hidden.url not in xml and "/draft/" not in xml
    assert "<lastmod>" in xml
    assert draft.slug not in xml


@pytest.mark.django_db
def test_robots_txt_points_to_sitemap_and_disallows_private_paths(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    for path in ("/admin/", "/search/", "/cart/", "/checkout/", "/accounts/"):
        assert f"Disallow: {path}" in body


@pytest.mark.django_db
def test_unpublishing_removes_the_page_everywhere_at_once(client, knives):
    product = add_product(knives, title="Vanishing knife")
    assert product.url in client.get("/sitemap.xml").getvalue().decode()  # now cached
    assert "Vanishing knife" in client.get(knives.url).content.decode()
    url = product.url
    product.unpublish()
    assert client.get(url).status_code == 404
    assert url not in client.get("/sitemap.xml").getvalue().decode()
    assert "Vanishing knife" not in client.get(knives.url).content.decode()


@pytest.mark.django_db
def test_publishing_a_new_page_reaches_the_cached_sitemap(client, knives):
    client.get("/sitemap.xml")
    product = add_product(knives, title="Brand new", live=False)
    product.save_revision().publish()
    assert product.url in client.get("/sitemap.xml").getvalue().decode()


@pytest.mark.django_db
def test_product_has_a_listing_card_preview_mode(knives):
    product = add_product(knives, title="Previewed knife", price="12.50")
    assert [mode for mode, _ in product.preview_modes][:2] == ["", "card"]
    card = product.make_preview_request(preview_mode="card")
    html = card.content.decode()
    assert card.status_code == 200
    assert 'class="card product-card"' in html and "Previewed knife" in html and "€12.50" in html
    assert 'class="product-gallery"' not in html
    full = product.make_preview_request(preview_mode="")
    assert 'class="product-gallery"' in full.content.decode()


@pytest.mark.django_db
def test_previews_need_permission(client, knives):
    from django.urls import reverse

    from users.factories import UserFactory

    product = add_product(knives)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[product.pk])
    assert client.get(url, {"mode": "card"}).status_code == 302
    client.force_login(UserFactory())
    response = client.get(url, {"mode": "card"})
    assert response.status_code in (302, 403)
    assert b"product-card" not in response.content


@pytest.mark.django_db
def test_a_page_without_pages_of_results_ignores_page_in_its_canonical(client, knives):
    from users.factories import UserFactory

    product = add_product(knives)
    client.force_login(UserFactory())  # signed in: rendered fresh, never from the page cache
    soup = head(client.get(product.url, {"page": "3"}))
    assert soup.find("link", rel="canonical")["href"] == f"http://localhost{product.url}"
