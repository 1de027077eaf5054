"""The foundation's demo steps work on their own, with no catalogue step around them."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from home.demo.accounts import DEMO_ACCOUNTS
from home.demo.homepage import HERO_BLOCK_ID
from home.demo.steps import DemoRun, load_accounts, load_home_page

pytestmark = pytest.mark.django_db


def test_accounts_and_home_page_load_without_any_featured_pages(home_page):
    run = DemoRun(seed=3, products=0, stdout=StringIO())

    assert load_accounts(run) == f"{len(DEMO_ACCOUNTS)} accounts"
    assert load_home_page(run) == "home page filled"

    home_page.refresh_from_db()
    assert home_page.body[0].id == HERO_BLOCK_ID
    assert get_user_model().objects.filter(email="admin@example.com", is_superuser=True).exists()
    assert "Accounts: 5 done in " in run.stdout.getvalue()
