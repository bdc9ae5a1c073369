"""The public pages: who the centre is, the help, rights, contact, React!, downloads."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from ostoja.accounts.access import public
from ostoja.public import languages, leaflet, library
from ostoja.public.content import PAGE_BY_NAME, documents_for, page_context
from ostoja.public.models import LibraryDocument
from ostoja.public.views.rendering import render_public


def _text_page(name: str, template: str):
    @public
    @require_GET
    def view(request: HttpRequest, lang: str) -> HttpResponse:
        return render_public(request, lang, template, page_context(lang, PAGE_BY_NAME[name].keys))

    view.__name__ = f"public_{name}"
    return view


home = _text_page("home", "public/home.html")
help_page = _text_page("help", "public/text_page.html")
rights = _text_page("rights", "public/text_page.html")
contact = _text_page("contact", "public/contact.html")
react = _text_page("react", "public/react.html")
abroad = _text_page("abroad", "public/abroad.html")
safety = _text_page("safety", "public/text_page.html")


@public
@require_GET
def downloads(request: HttpRequest, lang: str) -> HttpResponse:
    own, other = documents_for(lang)
    return render_public(
        request, lang, "public/downloads.html", {"own_documents": own, "other_documents": other}
    )


@public
@require_GET
def leaflet_pdf(request: HttpRequest, lang: str) -> HttpResponse:
    data = leaflet.leaflet_pdf(lang)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="leaflet-{lang}.pdf"'
    response["Content-Language"] = lang
    return response


@public
@require_GET
def document(request: HttpRequest, pk: int) -> FileResponse:
    found = get_object_or_404(LibraryDocument.objects.published(), pk=pk)
    path = library.path_of(found.stored_name)
    if not path.exists():
        raise Http404
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=found.download_name,
        content_type="application/pdf",
    )


@public
@require_GET
def language_choice(request: HttpRequest) -> HttpResponse:
    # The chooser itself is in every language at once; its frame is English, the most widely read.
    choices = []
    for language in languages.PUBLIC_LANGUAGES:
        with translation.override(language.code):
            prompt = translation.gettext("Choose your language")
        choices.append(
            {"language": language, "prompt": prompt, "url": reverse("public:home", args=[language.code])}
        )
    with translation.override("en"):
        response = render(request, "public/languages.html", {"choices": choices})
    response["Content-Language"] = "en"
    return response


@public
@require_GET
def neutral(request: HttpRequest) -> HttpResponse:
    """Where "Quick exit" goes: an ordinary recipe page that says nothing about the centre."""
    with translation.override("pl"):
        response = render(request, "public/neutral.html")
    response["Content-Language"] = "pl"
    return response


@public
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """The icon browsers ask for by themselves: a plain shape that names nothing, and no cookie."""
    return HttpResponse(_favicon(), content_type="image/x-icon")


@cache
def _favicon() -> bytes:
    return (Path(__file__).resolve().parent.parent / "static" / "public" / "favicon.ico").read_bytes()
