"""The search query report in the admin: top and zero-result queries over a period, linked to promotions."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.services import search_record
from users.factories import UserFactory

REPORT_URL = reverse("search_query_report")
TODAY = timezone.now().date()


def searched(query_string, times=1, found=True, days_ago=0):
    for _ in range(times):
        search_record(
            query_string=query_string,
            result_count=1 if found else 0,
            date=TODAY - datetime.timedelta(days=days_ago),
        )


def rows(response):
    return [
        (row.query_string, row.searches, row.zero_result_searches) for row in response.context["object_list"]
    ]


@pytest.fixture
def marketer(db):
    user = UserFactory(email="marketer@example.com")
    user.groups.add(Group.objects.get(name="Marketers"))
    return user


@pytest.fixture
def history(db):
    searched("santoku", times=5)
    searched("pan", times=3)
    searched("unicorn", times=2, found=False)
    searched("knife", times=1, found=False)
    searched("knife", times=1)
    searched("old favourite", times=9, days_ago=45)


@pytest.mark.django_db
def test_top_searches_of_the_last_30_days_most_searched_first(admin_client, history):
    response = admin_client.get(REPORT_URL)

    assert response.status_code == 200
    assert rows(response) == [("santoku", 5, 0), ("pan", 3, 0), ("knife", 2, 1), ("unicorn", 2, 2)]


@pytest.mark.django_db
def test_zero_result_searches_most_missed_first(admin_client, history):
    response = admin_client.get(REPORT_URL, {"kind": "zero"})

    assert rows(response) == [("unicorn", 2, 2), ("knife", 2, 1)]


@pytest.mark.django_db
def test_a_chosen_period_counts_only_its_days(admin_client, history):
    since = TODAY - datetime.timedelta(days=60)
    until = TODAY - datetime.timedelta(days=30)

    response = admin_client.get(
        REPORT_URL, {"period_from": since.isoformat(), "period_to": until.isoformat()}
    )

    assert rows(response) == [("old favourite", 9, 0)]


@pytest.mark.django_db
def test_each_query_links_to_adding_or_editing_its_promotions(admin_client, history, shelf):
    promoted = Query.objects.get(query_string="santoku")
    SearchPromotion.objects.create(query=promoted, page=shelf["santoku"])
    missing = Query.objects.get(query_string="unicorn")

    html = admin_client.get(REPORT_URL).content.decode()

    assert f'href="{reverse("wagtailsearchpromotions:edit", args=[promoted.pk])}"' in html
    assert "Edit promotions (1)" in html
    assert f'href="{reverse("wagtailsearchpromotions:edit", args=[missing.pk])}"' in html
    assert "Add a promotion" in html
    assert 'href="/search/?q=old+favourite"' not in html  # outside the default period
    assert 'href="/search/?q=santoku"' in html


@pytest.mark.django_db
def test_the_promotion_link_opens_the_promotion_form_for_that_query(admin_client, history):
    query = Query.objects.get(query_string="unicorn")

    response = admin_client.get(reverse("wagtailsearchpromotions:edit", args=[query.pk]))

    assert response.status_code == 200
    assert 'value="unicorn"' in response.content.decode()


@pytest.mark.django_db
def test_marketers_see_the_report_and_its_menu_item(client, marketer, history):
    client.force_login(marketer)

    assert client.get(REPORT_URL).status_code == 200
    assert reverse("search_query_report") in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_editors_without_promotion_permissions_are_turned_away(client, history):
    editor = UserFactory(email="editor@example.com")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    response = client.get(REPORT_URL)

    assert response.status_code == 302
    assert reverse("search_query_report") not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_the_report_exports_to_csv(admin_client, history):
    response = admin_client.get(REPORT_URL, {"export": "csv"})

    content = (
        b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    )
    assert content.splitlines()[0] == "Search term,Searches,Searches with no results,Promotions"
    assert "santoku,5,0,0" in content
