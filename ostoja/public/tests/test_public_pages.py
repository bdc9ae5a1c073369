"""Every public page in every language: right language and direction, no cookie, nothing from
another host, small, with hreflang links and a quick exit."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from ostoja.public import languages
from ostoja.public.content import PAGES
from ostoja.public.models import PublicText, TextKey

pytestmark = pytest.mark.django_db

PAGE_NAMES = [page.name for page in PAGES] + ["report_sent"]


def public_urls() -> list[tuple[str, str]]:
    urls = [("en", reverse("public:languages")), ("pl", reverse("public:neutral"))]
    for language in languages.CODES:
        for name in PAGE_NAMES:
            urls.append((language, reverse(f"public:{name}", args=[language])))
    return urls


def test_every_language_has_every_text_seeded():
    for language in languages.CODES:
        keys = set(PublicText.objects.filter(language=language).values_list("key", flat=True))
        assert keys == set(TextKey.values), language


@pytest.mark.parametrize("language", languages.CODES)
def test_every_page_renders_in_its_language_and_sets_no_cookie(language):
    client = Client()
    info = languages.get(language)
    for name in PAGE_NAMES:
        response = client.get(reverse(f"public:{name}", args=[language]))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert f'<html lang="{language}" dir="{info.direction}">' in html, name
        assert response["Content-Language"] == language
        assert "Set-Cookie" not in response.headers, name
        assert not response.cookies, name
        assert "no-store" in response["Cache-Control"]
        assert 'id="quick-exit"' in html and 'href="/kitchen/"' in html
        # One alternate link per language, plus x-default.
        assert len(re.findall(r'<link rel="alternate" hreflang="[a-z-]+"', html)) == len(languages.CODES) + 1
        assert "<script>" not in html and " style=" not in html and "onclick" not in html


def test_walk_every_public_url_with_one_client_no_cookie_ever():
    client = Client()
    for _language, url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
    assert not client.cookies


def test_pages_load_nothing_from_another_host():
    client = Client()
    for _language, url in public_urls():
        html = client.get(url).content.decode()
        resources = re.findall(r"<(?:script|img|iframe)\b[^>]*\bsrc=\"([^\"]+)\"", html)
        resources += re.findall(r"<link rel=\"stylesheet\" href=\"([^\"]+)\"", html)
        assert all(r.startswith("/static/") for r in resources), (url, resources)
        assert "@import" not in html and "url(" not in html


def test_pages_with_their_css_and_js_stay_under_100_kb():
    client = Client()
    assets = sum(Path(finders.find(p)).stat().st_size for p in ("public/public.css", "public/quick-exit.js"))
    for _language, url in public_urls():
        size = len(client.get(url).content) + assets
        assert size < 100 * 1024, (url, size)


def test_language_chooser_names_each_language_in_its_own_script():
    html = Client().get(reverse("public:languages")).content.decode()
    for language in languages.PUBLIC_LANGUAGES:
        assert f'lang="{language.code}" dir="{language.direction}"' in html
        assert language.native_name in html
        assert f'href="/{language.code}/"' in html
    assert 'lang="ar" dir="rtl"' in html
    assert "Оберіть мову" in html and "اختر لغتك" in html


def test_arabic_pages_are_right_to_left_and_translated():
    html = Client().get("/ar/rights/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "خروج سريع" in html  # the quick exit, in Arabic
    assert "حقوقك" in html


def test_neutral_page_says_nothing_about_the_centre():
    response = Client().get(reverse("public:neutral"))
    html = response.content.decode().lower()
    for word in ("handel", "traffick", "ofiar", "centrum", "quick-exit", "/pl/"):
        assert word not in html


def test_unknown_language_prefix_is_not_a_public_page():
    assert Client().get("/xx/").status_code in (302, 404)


def test_staff_root_is_still_the_staff_sign_in():
    response = Client().get("/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_contact_details_show_the_example_note_until_staff_confirm_them():
    from ostoja.public.models import CentreContact

    assert "pub-note" in Client().get("/en/").content.decode()
    CentreContact.objects.filter(pk=1).update(confirmed=True)
    assert "pub-note" not in Client().get("/en/").content.decode()
