"""Under `make run`, absolute links point at the address runserver serves, not http://localhost/."""

import re
import subprocess
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Site

from home.serving.site_address import default_site_follow_base_url, site_address_from_url

pytestmark = pytest.mark.django_db

SERVED = "http://127.0.0.1:8000"


def load_demo_data() -> str:
    out = StringIO()
    call_command("load_demo_data", "--products", "0", stdout=out)
    return out.getvalue()


def test_the_demo_loader_points_canonical_og_url_and_sitemap_at_the_served_address(client, settings):
    settings.WAGTAILADMIN_BASE_URL = SERVED
    assert Site.objects.get(is_default_site=True).root_url == "http://localhost"

    output = load_demo_data()

    assert f"site at {SERVED}" in output
    page = client.get("/", headers={"host": "127.0.0.1:8000"}).getvalue().decode()
    assert f'<link rel="canonical" href="{SERVED}/">' in page
    assert f'<meta property="og:url" content="{SERVED}/">' in page
    sitemap = client.get("/sitemap.xml", headers={"host": "127.0.0.1:8000"}).getvalue().decode()
    assert f"<loc>{SERVED}/</loc>" in sitemap
    assert "http://localhost/" not in page + sitemap


def test_a_site_on_a_real_host_name_is_left_alone(settings):
    Site.objects.filter(is_default_site=True).update(hostname="shop.example.com", port=443)
    settings.WAGTAILADMIN_BASE_URL = SERVED

    assert default_site_follow_base_url() is None
    assert Site.objects.get(is_default_site=True).root_url == "https://shop.example.com"


def test_a_second_run_changes_nothing():
    assert default_site_follow_base_url(SERVED).root_url == SERVED
    assert default_site_follow_base_url(SERVED) is None


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://shop.example.com", ("shop.example.com", 443)),
        ("http://localhost/", ("localhost", 80)),
    ],
)
def test_the_address_comes_from_the_base_url(url, address):
    assert site_address_from_url(url) == address


@pytest.mark.parametrize("url", ["", "127.0.0.1:8000", "ftp://example.com"])
def test_a_base_url_without_scheme_and_host_is_refused(url):
    with pytest.raises(ValueError, match="is not an http"):
        site_address_from_url(url)


def test_make_run_gives_the_loader_and_runserver_the_address_it_serves():
    commands = subprocess.run(
        ["make", "-n", "run", "HOST=127.0.0.2", "PORT=8123"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    for command in ("load_demo_data", "runserver 127.0.0.2:8123"):
        line = next(line for line in commands.splitlines() if command in line)
        assert re.search(r"WAGTAILADMIN_BASE_URL=http://127\.0\.0\.2:8123 ", line), line
