import pytest
from django.contrib.auth import get_user_model

from users.services import EmailTakenError, user_sign_up

User = get_user_model()


@pytest.mark.django_db
def test_user_sign_up_creates_a_shopper_without_admin_rights():
    user = user_sign_up(email="New@Example.com", password="plum-Orchard-47", first_name="Nia", last_name="Ng")

    assert (user.email, user.first_name, user.last_name) == ("new@example.com", "Nia", "Ng")
    assert user.check_password("plum-Orchard-47")
    assert not user.is_staff and not user.is_superuser
    assert not user.has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db
def test_user_sign_up_turns_a_duplicate_into_a_domain_error(shopper):
    """The form checks first; this is what a racing second request meets at the unique index."""
    with pytest.raises(EmailTakenError):
        user_sign_up(email="SHOPPER@example.com", password="plum-Orchard-47")

    assert User.objects.filter(email__iexact="shopper@example.com").count() == 1
