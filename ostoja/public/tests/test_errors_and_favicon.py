"""The public site sets no cookie even when an address is wrong or the browser asks for its icon;
a mistyped public address is a public page in the visitor's language, with the quick exit."""

import pytest
from django.test import Client

from ostoja.public.views.errors import public_language_of

pytestmark = pytest.mark.django_db


def assert_no_cookie(response, client):
    assert "Set-Cookie" not in response.headers, response.headers.get("Set-Cookie")
    assert not response.cookies
    assert not client.cookies


def test_favicon_exists_and_sets_no_cookie():
    client = Client()
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert_no_cookie(response, client)


@pytest.mark.parametrize(
    "path,language,text",
    [
        ("/uk/rihgts/", "uk", "Сторінку не знайдено"),
        ("/pl/pomoc/", "pl", "Nie znaleziono strony"),
        ("/ar/nothing/", "ar", "الصفحة غير موجودة"),
        ("/de/downloads/missing.pdf", "de", "Seite nicht gefunden"),
        ("/library/999999/", "en", "Page not found"),
        ("/kitchen/more/", "en", "Page not found"),
    ],
)
def test_a_mistyped_public_address_is_a_public_page_in_its_language_without_cookie(path, language, text):
    client = Client()
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert response["Content-Language"] == language
    assert text in html
    assert 'id="quick-exit"' in html and 'href="/kitchen/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert_no_cookie(response, client)


def test_a_staff_address_still_gets_the_staff_page():
    response = Client().get("/cases/does-not-exist/")
    assert response.status_code == 404
    assert 'id="quick-exit"' not in response.content.decode()


def test_which_addresses_are_public():
    assert public_language_of("/uk/") == "uk"
    assert public_language_of("/tl/safety/x") == "tl"
    assert public_language_of("/favicon.ico") == "en"
    assert public_language_of("/languages/x/") == "en"
    assert public_language_of("/cases/1/") is None
    assert public_language_of("/") is None
