"""Playwright against Debian's Chromium: one browser per session, a fresh context per test.

Tests here drive pytest-django's ``live_server``. They need
``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``: the live
server reads through its own thread, and the serialized rollback puts back the
rows migrations created (site, home page, groups, workflow) after any earlier
transactional test flushed them.

A failing test leaves ``test-artifacts/screenshots/<test name>.png`` behind.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Short on purpose: a hung page fails in seconds, not at the CI job's timeout.
TIMEOUT_MS = 10_000
VIEWPORT = {"width": 1280, "height": 900}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item, so the page fixture knows at teardown whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Chromium for one test module.

    Playwright's sync API parks an asyncio event loop on the main thread while it
    runs, and Django then refuses ORM calls there (SynchronousOnlyOperation), so
    the test database is created first and DJANGO_ALLOW_ASYNC_UNSAFE is set only
    while the browser is up. Module scope, not session scope, keeps that loop and
    that escape hatch away from every test outside these modules, at the cost of
    one browser launch (about a second) per module.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def context_options():
    """Extra ``new_context`` options; a test overrides them with
    ``@pytest.mark.parametrize("context_options", [{...}])``."""
    return {}


@pytest.fixture
def page(browser, context_options, request):
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        directory = Path(request.config.rootpath) / "test-artifacts" / "screenshots"
        directory.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=str(directory / f"{name}.png"), full_page=True)
    context.close()
