"""Test factories for shop users; other apps' tests build their shoppers here too."""

import factory
from django.contrib.auth import get_user_model

# Every factory user can sign in with this; tests that log in through a form need it.
DEFAULT_PASSWORD = "plum-Orchard-47-lantern"


class UserFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Meta:
        model = get_user_model()

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)
