"""The staff side of the public site (/public-admin/): texts per language with a preview,
contact details, partner organisations and the document library.

Open to supervisors (they answer for what the centre tells the public) and administrators (they
keep the site running); every change is on the audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import Role
from ostoja.public import languages, services
from ostoja.public.models import CentreContact, LibraryDocument, Partner, PublicText, TextKey
from ostoja.public.staff_forms import ContactForm, LibraryUploadForm, PartnerForm, PublicTextForm

EDITORS = (Role.SUPERVISOR, Role.ADMINISTRATOR)


@role_required(*EDITORS)
@require_http_methods(["GET"])
def admin_home(request: HttpRequest) -> HttpResponse:
    texts = PublicText.objects.only("language", "key", "updated_at")
    present = {(t.language, t.key): t for t in texts}
    rows = [
        {
            "language": language,
            "cells": [
                {"key": key, "label": label, "text": present.get((language.code, key))}
                for key, label in TextKey.choices
            ],
        }
        for language in languages.PUBLIC_LANGUAGES
    ]
    return render(
        request,
        "public/admin/home.html",
        {
            "rows": rows,
            "keys": TextKey.choices,
            "contact": CentreContact.current(),
            "partners": Partner.objects.order_by("kind", "order", "name"),
            "documents": LibraryDocument.objects.order_by("language", "title"),
        },
    )


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def admin_text_edit(request: HttpRequest, lang: str, key: str) -> HttpResponse:
    if key not in TextKey.values:
        raise Http404
    language = languages.get(lang)
    text = PublicText.objects.filter(language=lang, key=key).first()
    initial = {"title": text.title, "body": text.body} if text else {}
    form = PublicTextForm(request.POST or None, initial=initial)
    for field in form.fields.values():
        # The text is in the language being edited; the labels stay in the staff's language.
        field.widget.attrs.update({"lang": language.code, "dir": language.direction})
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.cleaned_data
        else:
            services.public_text_save(
                request=request,
                language=lang,
                key=key,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
            messages.success(request, _("The text is saved and shown on the public site."))
            return redirect("public:admin_home")
    # The reference text in English helps whoever edits another language keep the same facts.
    english = PublicText.objects.filter(language="en", key=key).first() if lang != "en" else None
    return render(
        request,
        "public/admin/text_edit.html",
        {
            "form": form,
            "language": language,
            "key": key,
            "key_label": TextKey(key).label,
            "preview": preview,
            "english": english,
            "text": text,
        },
    )


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def admin_contact(request: HttpRequest) -> HttpResponse:
    contact = CentreContact.current()
    form = ContactForm(
        request.POST or None,
        initial={"phone": contact.phone, "email": contact.email, "postal_address": contact.postal_address},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_save(request=request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contact details are saved."))
            return redirect("public:admin_home")
    return render(request, "public/admin/contact.html", {"form": form, "contact": contact})


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def admin_partner(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk) if pk else Partner()
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_save(request=request, partner=form.instance, descriptions=form.descriptions())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The partner organisation is saved."))
            return redirect("public:admin_home")
    return render(request, "public/admin/partner.html", {"form": form, "partner": partner})


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def admin_library(request: HttpRequest) -> HttpResponse:
    form = LibraryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.library_document_add(
            request=request,
            data=form.cleaned_data["data"],
            title=form.cleaned_data["title"],
            language=form.cleaned_data["language"],
            description=form.cleaned_data["description"],
        )
        messages.success(request, _("The document is in the library."))
        return redirect("public:admin_library")
    documents = LibraryDocument.objects.select_related("uploaded_by").order_by("language", "title")
    return render(request, "public/admin/library.html", {"form": form, "documents": documents})


@role_required(*EDITORS)
@require_POST
def admin_library_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(LibraryDocument, pk=pk)
    services.library_document_delete(request=request, document=document)
    messages.success(request, _("The document is removed from the library."))
    return redirect("public:admin_library")
