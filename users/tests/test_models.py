import uuid

import pytest
from django.contrib.auth import authenticate, get_user_model

User = get_user_model()


@pytest.mark.django_db
def test_create_user_lower_cases_email_and_hashes_password():
    user = User.objects.create_user(email="Ann.Smith@EXAMPLE.Com", password="s3cret-Walnut")

    assert user.email == "ann.smith@example.com"
    assert isinstance(user.pk, uuid.UUID)
    assert user.password != "s3cret-Walnut" and user.check_password("s3cret-Walnut")
    assert not user.is_staff and not user.is_superuser and user.is_active


@pytest.mark.django_db
def test_create_user_refuses_missing_email():
    with pytest.raises(ValueError, match="email"):
        User.objects.create_user(email="", password="whatever-1234")


@pytest.mark.django_db
def test_create_superuser_grants_staff_and_superuser():
    boss = User.objects.create_superuser(email="Boss@Example.com", password="s3cret-Walnut")

    assert boss.is_staff and boss.is_superuser
    assert boss.email == "boss@example.com"


@pytest.mark.django_db
def test_create_superuser_refuses_to_be_half_a_superuser():
    with pytest.raises(ValueError, match="is_staff"):
        User.objects.create_superuser(email="boss@example.com", password="x-long-enough", is_staff=False)


@pytest.mark.django_db
def test_plain_orm_create_still_stores_lower_case_email():
    """Fixtures, shells and data migrations skip the manager; the model still normalises."""
    user = User.objects.create(email="Mixed.Case@Example.COM")

    assert User.objects.get(pk=user.pk).email == "mixed.case@example.com"


@pytest.mark.django_db
def test_natural_key_lookup_ignores_case(shopper):
    assert User.objects.get_by_natural_key("SHOPPER@example.COM") == shopper


@pytest.mark.django_db
def test_authenticate_by_email_in_any_case(shopper, password):
    assert authenticate(username="Shopper@Example.com", password=password) == shopper
    assert authenticate(username="shopper@example.com", password="wrong") is None


@pytest.mark.django_db
def test_str_prefers_full_name_then_email():
    named = User(email="ann@example.com", first_name="Ann", last_name="Smith")
    anonymous = User(email="nobody@example.com")

    assert str(named) == "Ann Smith" and named.get_short_name() == "Ann"
    assert str(anonymous) == "nobody@example.com" and anonymous.get_short_name() == "nobody@example.com"
