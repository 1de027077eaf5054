import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

User = get_user_model()


@pytest.fixture
def superuser_env(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "Owner@Example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "fig-Lattice-58-ember")


@pytest.mark.django_db
def test_createsuperuser_noinput_reads_email_and_password_from_environment(superuser_env, client, capsys):
    call_command("createsuperuser", interactive=False)

    owner = User.objects.get()
    assert owner.email == "owner@example.com"
    assert owner.is_superuser and owner.is_staff
    assert authenticate(username="owner@example.com", password="fig-Lattice-58-ember") == owner
    assert "Superuser created successfully." in capsys.readouterr().out
    client.post("/admin/login/", {"username": "owner@example.com", "password": "fig-Lattice-58-ember"})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_createsuperuser_refuses_an_email_already_taken_in_another_case(superuser_env, monkeypatch):
    call_command("createsuperuser", interactive=False)
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "OWNER@example.com")

    with pytest.raises(CommandError, match="already taken"):
        call_command("createsuperuser", interactive=False)
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_createsuperuser_noinput_without_email_fails_clearly(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_EMAIL", raising=False)

    with pytest.raises(CommandError, match="email"):
        call_command("createsuperuser", interactive=False)
    assert not User.objects.exists()
