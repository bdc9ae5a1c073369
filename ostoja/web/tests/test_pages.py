import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from ostoja.accounts.roles import Role
from ostoja.testing.access import OUTSIDER

pytestmark = pytest.mark.django_db


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    import ostoja.web.views as views

    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("connection refused")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: BrokenCursor())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_dashboard_shows_sections_by_role(client_for):
    admin = client_for(Role.ADMINISTRATOR).get("/")
    assert b"Konta personelu" in admin.content
    duty = client_for(Role.DUTY_WORKER).get("/")
    assert b"Konta personelu" not in duty.content


def test_navigation_by_role(client_for):
    assert reverse("accounts:staff_list").encode() in client_for(Role.ADMINISTRATOR).get("/").content
    assert reverse("accounts:staff_list").encode() not in client_for(OUTSIDER).get("/").content


def test_unknown_page_is_a_clear_404_in_polish_by_default():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert b"Nie znaleziono strony" in response.content
    assert response["Content-Language"] == "pl"


def test_language_switch_remembers_the_choice(client_for, cast):
    client = client_for(Role.CASE_MANAGER)
    assert b'lang="pl"' in client.get("/").content
    response = client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/")
    assert b'lang="en"' in page.content and b"Dashboard" in page.content
    cast[Role.CASE_MANAGER].refresh_from_db()
    assert cast[Role.CASE_MANAGER].language == "en"


def test_language_switch_ignores_unknown_languages_and_foreign_next(client):
    response = client.post(
        reverse("accounts:set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert "ostoja_language" not in response.cookies


def test_csrf_failure_is_a_clear_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "Formularz wygasł".encode() in response.content


def test_server_error_shows_no_stack_trace(client_for, monkeypatch):
    import ostoja.web.views as views

    def explode(request):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views.dashboard_sections, "sections_for", explode)
    client = client_for(Role.CASE_MANAGER)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert b"secret internal detail" not in response.content
    assert b"Traceback" not in response.content
    assert "Coś poszło nie tak".encode() in response.content
