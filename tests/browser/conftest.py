"""Playwright against Debian's Chromium: one browser per test module, a fresh context per page.

Tests here drive pytest-django's ``live_server``. They need
``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``: the live
server reads through its own thread, and the serialized rollback puts back the
rows migrations created (site, home page, groups, workflow) after any earlier
transactional test flushed them.

A failing test leaves ``test-artifacts/screenshots/<test name>.png`` behind.
"""

import os
import re
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

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
def browser(request):
    """Chromium for one test module (whose tests must ask for ``serialized_rollback``).

    Playwright's sync API leaves an asyncio event loop running on the main
    thread. Django then refuses ORM calls there (SynchronousOnlyOperation) unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set, and its thread-critical connection store
    switches to per-context storage, so the test body gets fresh connection
    objects. Hence the test database is created first, the escape hatch is set
    only while the browser is up, and the serialized snapshot that
    ``serialized_rollback`` restores is handed to the new connections.

    Module scope, not session scope, keeps that loop and that escape hatch away
    from every test outside these modules (Django's ``async_to_sync`` also
    refuses to run beside a running loop), for one browser launch, about a
    second, per module.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    request.getfixturevalue("_restorable_database")
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, snapshot in snapshots.items():
                connections[alias]._test_serialized_contents = snapshot
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
            connections.close_all()


@pytest.fixture
def context_options():
    """Extra ``new_context`` options for every page of a test; override them with
    ``@pytest.mark.parametrize("context_options", [{...}])``."""
    return {}


@pytest.fixture
def new_page(browser, context_options, request):
    """Opens a page in a fresh browser context: one more visitor, with cookies of their own.

    On failure, each page opened is saved as a screenshot: the first as
    ``<test name>.png``, later ones as ``<test name>-2.png`` and so on.
    """
    contexts = []

    def open_page(**options):
        context = browser.new_context(viewport=VIEWPORT, locale="en-GB", **{**context_options, **options})
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    if failed:
        directory = Path(request.config.rootpath) / "test-artifacts" / "screenshots"
        directory.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
    for number, context in enumerate(contexts, start=1):
        if failed and context.pages:
            suffix = "" if number == 1 else f"-{number}"
            try:
                context.pages[0].screenshot(path=str(directory / f"{name}{suffix}.png"), full_page=True)
            except PlaywrightError as error:  # a crashed page must not hide the test's own failure
                warnings.warn(f"No screenshot of page {number}: {error}", stacklevel=1)
        context.close()


@pytest.fixture
def page(new_page):
    """The test's browser page, in a context of its own."""
    return new_page()
