"""Markup a screen reader relies on, on every page of the tour: landmarks and ``lang``.

Everything a page shows sits in a landmark (banner, navigation, main, a named region, contentinfo),
so nothing is skipped by someone who moves from landmark to landmark: the demo warning, the "on
duty now" bar and the public quick exit included.

``lang`` marks only words that really are in that language.

A screen reader switches its voice for ``lang``: a language's name written in the interface language
("ukraiński") read with a Ukrainian voice, or "PDF, 12 KB" read as Polish on an English page, is
garbled. Every page of the tour, staff pages in Polish and English and public pages in every language,
is checked: no element marked with another language holds the name of a language as the page's own
language writes it, nor the interface's file notes.
"""

from __future__ import annotations

import pytest
from django.conf.locale import LANG_INFO
from django.utils import translation

from ostoja.hotline.codes import LANGUAGES as HOTLINE_LANGUAGES
from ostoja.identification.codes import Language as ScreeningLanguage
from ostoja.public import languages as public_languages
from ostoja.testing import html
from ostoja.testing.tour import load_tour

pytestmark = pytest.mark.django_db


def language_names(page_language: str) -> set[str]:
    """Names of languages as the interface in ``page_language`` writes them."""
    with translation.override(page_language):
        names = {str(label) for _code, label in HOTLINE_LANGUAGES}
        names |= {str(label) for label in ScreeningLanguage.labels}
        names |= {translation.gettext(info["name"]) for info in LANG_INFO.values() if "name" in info}
    return {name for name in names if len(name) > 3}


def wrong_markup(page_html: str, where: str) -> list[str]:
    root = html.parse(page_html)
    page_language = root.get("lang", "")
    names = language_names(page_language)
    found = []
    for element in html.elements(root):
        marked = element.get("lang")
        if not marked or marked == page_language or element is root:
            continue
        words = html.text(element)
        # A language's own name for itself may be spelled as the page's language spells it ("Filipino").
        own = public_languages.get(marked).native_name.lower() if marked in public_languages.CODES else ""
        interface = sorted(n for n in names if n.lower() in words.lower() and n.lower() not in own)
        if interface:
            found.append(f"{where}: lang={marked} on interface text {interface!r}: {words[:80]!r}")
        if "PDF" in words or any("meta" in (e.get("class") or "") for e in html.elements(element)):
            found.append(f"{where}: lang={marked} on the interface's file note: {words[:80]!r}")
    return found


LANDMARKS = {"header", "nav", "main", "footer", "aside"}
LANDMARK_ROLES = {"banner", "navigation", "main", "contentinfo", "complementary", "region", "search", "form"}


def outside_landmarks(page_html: str, where: str) -> list[str]:
    root = html.parse(page_html)
    body = next(iter(html.elements(root, "body")))
    found = []
    for child in body:
        name = html.tag(child)
        if name in LANDMARKS or name == "script" or child.get("role") in LANDMARK_ROLES:
            continue
        if name == "section" and (child.get("aria-label") or child.get("aria-labelledby")):
            continue  # a named region
        if name == "a" and "skip-link" in (child.get("class") or ""):
            continue  # the link that jumps to the main landmark
        found.append(
            f"{where}: <{name} class={child.get('class')}> outside any landmark: {html.text(child)[:60]!r}"
        )
    return found


def test_every_page_keeps_its_content_in_landmarks_and_lang_where_it_belongs(settings):
    settings.DEMO = True  # the demo warning is shown too

    tour = load_tour()
    found: list[str] = []
    for interface in ("pl", "en"):
        for page in tour.pages:
            if (
                page.name.startswith("public:")
                and not page.name.startswith("public:admin")
                and interface == "en"
            ):
                continue  # a public page's language is in its address, not in the staff setting
            client = tour.client(page.who)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            where = f"{page.url} ({interface}, {page.who})"
            found += wrong_markup(response.content.decode(), where)
            found += outside_landmarks(response.content.decode(), where)
    assert not found, "\n".join(found)


def test_the_check_sees_a_language_name_in_the_wrong_voice():
    page = '<html lang="pl"><body><table><tr><td lang="uk">ukraiński</td></tr></table>'
    assert wrong_markup(page, "sample")
    page = '<html lang="en"><body><ul><li lang="pl"><a>Ulotka</a> <span class="meta">(PDF, 1 KB)</span></li></ul>'
    assert wrong_markup(page, "sample")
    fine = '<html lang="pl"><body><a lang="uk">Українська</a> <span lang="de">Deutsch</span>'
    assert not wrong_markup(fine, "sample")
