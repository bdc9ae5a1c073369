"""Errors on public addresses: a public page in the visitor's language, with the quick exit, no cookie.

The site's 404 handler (``ostoja/urls.py``) comes here first. An address under a public language
prefix (``/uk/…``) gets the public "not found" page in that language; the other public addresses
(``/languages/``, ``/kitchen/``, ``/library/…``, ``/favicon.ico``) get it in English, the frame
language of the language chooser. Everything else is a staff address and gets the staff page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from ostoja.accounts.access import public
from ostoja.public import languages
from ostoja.public.views.rendering import render_public
from ostoja.web import views as web_views

# First path segments that belong to the public site besides the language prefixes.
PUBLIC_SEGMENTS = frozenset({"languages", "kitchen", "library", "favicon.ico"})


def public_language_of(path: str) -> str | None:
    """The language a public "not found" page is shown in, or None for a staff address."""
    first = path.lstrip("/").split("/", 1)[0]
    if first in languages.BY_CODE:
        return first
    if first in PUBLIC_SEGMENTS:
        return "en"
    return None


@public
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    lang = public_language_of(request.path)
    if lang is None:
        return web_views.not_found(request, exception)
    return render_public(request, lang, "public/not_found.html", status=404, url_name="home")
