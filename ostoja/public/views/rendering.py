"""Rendering a public page: the language comes from the URL, and nothing is written to the browser.

No cookie is ever set here: no session, no CSRF token, no messages, no language cookie. The staff
language middleware has already activated the staff language; the page's own language is
activated for the rendering only.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from ostoja.public import languages
from ostoja.public.content import PAGES
from ostoja.public.models import CentreContact


def alternates(request: HttpRequest, url_name: str, kwargs: dict) -> list[dict]:
    """One link per language to this same page (hreflang)."""
    links = []
    for language in languages.PUBLIC_LANGUAGES:
        url = reverse(f"public:{url_name}", kwargs={**kwargs, "lang": language.code})
        links.append({"language": language, "href": request.build_absolute_uri(url), "path": url})
    return links


def render_public(
    request: HttpRequest,
    lang: str,
    template: str,
    context: dict | None = None,
    *,
    status: int = 200,
    url_name: str | None = None,
) -> HttpResponse:
    language = languages.get(lang)
    # An error page has no resolved view: its language links go to each language's home.
    match = request.resolver_match
    extra_kwargs = {}
    if url_name is None:
        url_name = match.url_name
        extra_kwargs = {k: v for k, v in (match.kwargs or {}).items() if k != "lang"}
    with translation.override(language.code):
        full = {
            "lang": language.code,
            "dir": language.direction,
            "language": language,
            "public_languages": languages.PUBLIC_LANGUAGES,
            "alternates": alternates(request, url_name, extra_kwargs),
            "menu": [
                {
                    "label": page.label,
                    "url": reverse(f"public:{page.name}", kwargs={"lang": lang}),
                    "name": page.name,
                }
                for page in PAGES
            ],
            "current": url_name,
            "languages_url": request.build_absolute_uri(reverse("public:languages")),
            **(context or {}),
        }
        # Every page shows the phone number in its header.
        full.setdefault("contact", CentreContact.current())
        response = render(request, template, full, status=status)
    response["Content-Language"] = language.code
    return response
