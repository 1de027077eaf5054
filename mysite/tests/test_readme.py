"""The README's configuration table and demo logins stay true to the code."""

import re

import pytest
from django.conf import settings

from home.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

BASE_DIR = settings.BASE_DIR
# Files whose environment reads the configuration table documents.
CONFIGURATION_FILES = [
    *sorted((BASE_DIR / "mysite" / "settings").glob("*.py")),
    *sorted((BASE_DIR / "mysite").glob("*.py")),
    BASE_DIR / "manage.py",
    BASE_DIR / "gunicorn.conf.py",
]
# Set by tools for themselves, not configuration an operator provides.
TOOL_VARIABLES = {"PYTEST_XDIST_WORKER"}
ENV_READ = re.compile(
    r"""\benv(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|os\.environ(?:\.get|\.setdefault)?[(\[]\s*["']([A-Z][A-Z0-9_]*)["']"""
)


@pytest.fixture(scope="module")
def readme() -> str:
    return (BASE_DIR / "README.md").read_text()


def environment_variables_read() -> set[str]:
    names = set()
    for path in CONFIGURATION_FILES:
        for match in ENV_READ.finditer(path.read_text()):
            names.add(match.group(1) or match.group(2))
    return names - TOOL_VARIABLES


def configuration_table(readme: str) -> set[str]:
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", section, flags=re.MULTILINE))


def test_the_scan_finds_the_variables_we_know_about():
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "WEB_CONCURRENCY"} <= environment_variables_read()


def test_every_environment_variable_is_in_the_readme_configuration_table(readme):
    missing = environment_variables_read() - configuration_table(readme)

    assert not missing, f"Add these to the configuration table in README.md: {sorted(missing)}"


def test_the_configuration_table_lists_nothing_the_code_no_longer_reads(readme):
    stale = configuration_table(readme) - environment_variables_read()

    assert not stale, f"README.md documents variables nothing reads: {sorted(stale)}"


def test_the_readme_names_the_two_entry_points_and_every_demo_login(readme):
    assert "make run" in readme
    assert "make test" in readme
    assert DEMO_PASSWORD in readme
    for account in DEMO_ACCOUNTS:
        assert f"`{account.email}`" in readme
