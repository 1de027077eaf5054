"""axe-core (pinned in package.json here, installed by ``make judges``) in Debian's Chromium.

Every shop page a shopper meets, at a phone's width and a laptop's, must have zero
axe violations of any impact. Run alone with
``.venv/bin/python -m pytest -p no:xdist tests/judges/test_accessibility.py``.
"""

from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_SCRIPT = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
# (width, height): a common phone and a common laptop.
VIEWPORTS = ((390, 844), (1366, 768))
# Every rule axe runs by default (WCAG A/AA and best practices), each result trimmed to what a fix needs.
# axe files an ARIA reference to a missing id under "needs review" (the id might appear
# later); a page that is fully loaded has no later, so those count as violations here.
RUN_AXE = """async () => {
    const results = await axe.run(document, {resultTypes: ["violations", "incomplete"]});
    const broken = results.incomplete.filter((result) => result.id === "aria-valid-attr-value");
    return [...results.violations, ...broken].map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}"""


def axe_violations(page, url: str | None = None) -> list[dict]:
    """axe's violations on ``url`` (which must not redirect), or on the page as it is."""
    if url is not None:
        page.goto(url)
        assert page.url == url, f"{url} redirected to {page.url}"
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(RUN_AXE)


def describe(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}")
            lines += [f"    {target}" for target in violation["targets"]]
    total = sum(len(violations) for violations in found.values())
    return f"axe found {total} violation(s):\n" + "\n".join(lines)


def signed_in_cookie(user, base_url: str) -> dict:
    """The session cookie of ``user`` signed in, for a browser context."""
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


def test_axe_finds_no_violations_on_any_shop_page(new_page, live_server, demo_shop):
    if not AXE_SCRIPT.exists():
        pytest.skip(f"{AXE_SCRIPT} is missing: run `make judges` to install axe-core")
    base = live_server.url
    guest_pages = {
        "home": demo_shop.home,
        "category": demo_shop.category,
        "product": demo_shop.product,
        "search": f"{reverse('search')}?{urlencode({'q': demo_shop.search_term})}",
        "stories": demo_shop.story_index,
        "story": demo_shop.story,
        "login": reverse("users:login"),
        "signup": reverse("users:signup"),
        "password-reset": reverse("users:password_reset"),
        "password-reset-complete": reverse("users:password_reset_complete"),
    }
    shopper_pages = demo_shop.shopper_pages()
    cookie = signed_in_cookie(demo_shop.shopper, base)
    found = {}
    for width, height in VIEWPORTS:
        # The axe script is added inline, which the site's Content-Security-Policy rightly refuses.
        guest = new_page(bypass_csp=True)
        guest.set_viewport_size({"width": width, "height": height})
        for name, path in guest_pages.items():
            found[f"{name} {path} @{width}px"] = axe_violations(guest, base + path)
        shopper = new_page(bypass_csp=True)
        shopper.set_viewport_size({"width": width, "height": height})
        shopper.context.add_cookies([cookie])
        for name, path in shopper_pages.items():
            found[f"{name} {path} @{width}px"] = axe_violations(shopper, base + path)

    found = {where: violations for where, violations in found.items() if violations}
    if found:
        pytest.fail(describe(found), pytrace=False)


def test_axe_reports_each_violation_with_its_impact_and_targets(page):
    """The judge itself: a page with an unlabelled image, an unlabelled field and a
    description that points nowhere fails, naming all three."""
    if not AXE_SCRIPT.exists():
        pytest.skip(f"{AXE_SCRIPT} is missing: run `make judges` to install axe-core")
    page.set_content(
        '<html lang="en"><title>t</title><main><img src="x.png"><input id="q">'
        '<label for="e">Email</label><input id="e" aria-describedby="gone"></main></html>'
    )

    violations = {violation["id"]: violation for violation in axe_violations(page)}

    assert violations["image-alt"]["impact"] == "critical"
    assert violations["image-alt"]["targets"] == ["img"]
    assert violations["label"]["targets"] == ["#q"]
    assert violations["aria-valid-attr-value"]["targets"] == ["#e"]
    assert "image-alt (critical)" in describe({"a page": list(violations.values())})
