import pytest
from django.db import connection
from wagtail.models import Site, Page
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]
def test_a(live_server):
    print("A", Site.objects.count(), Page.objects.count())
def test_b(live_server):
    print("B", Site.objects.count(), Page.objects.count())
