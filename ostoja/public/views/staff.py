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
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import Role
from ostoja.http import form_data, form_files
from ostoja.partners.access import get_organisation_for
from ostoja.public import content, languages, seed, services
from ostoja.public.models import CentreContact, LibraryDocument, PartnerDescription, PublicText, TextKey
from ostoja.public.staff_forms import ContactForm, LibraryUploadForm, PartnerDescriptionsForm, PublicTextForm

EDITORS = (Role.SUPERVISOR, Role.ADMINISTRATOR)


@role_required(*EDITORS)
@require_http_methods(["GET"])
def admin_home(request: HttpRequest) -> HttpResponse:
    texts = PublicText.objects.only("language", "key", "updated_at", "reviewed_by", "reviewed_on")
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
            "partners": content.public_partners(translation.get_language() or "pl"),
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
    initial = (
        {
            "title": text.title, "body": text.body, "version": text.version,
            "reviewed_by": text.reviewed_by, "reviewed_on": text.reviewed_on,
        }
        if text
        else {"version": 0}
    )  # fmt: skip

    def make_form(data):
        form = PublicTextForm(data, initial=initial)
        for field in form.fields.values():
            # The text is in the language being edited; the labels stay in the staff's language.
            field.widget.attrs.update({"lang": language.code, "dir": language.direction})
        return form

    form = make_form(form_data(request))
    preview = conflict = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.cleaned_data
        else:
            try:
                services.public_text_save(
                    request=request, language=lang, key=key, title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"], expected_version=form.cleaned_data["version"],
                    reviewed_by=form.cleaned_data["reviewed_by"], reviewed_on=form.cleaned_data["reviewed_on"],
                )  # fmt: skip
            except versions.StaleVersion:
                text = PublicText.objects.get(language=lang, key=key)
                form, conflict = versions.conflict(
                    form, current=text, fields=["title", "body"], make_form=make_form
                )
            else:
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
            "conflict": conflict,
            "open_terms": seed.open_terms(lang),
        },
    )


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def admin_contact(request: HttpRequest) -> HttpResponse:
    contact = CentreContact.current()
    initial = {
        "phone": contact.phone, "email": contact.email, "postal_address": contact.postal_address,
        "version": versions.version_of(contact),
    }  # fmt: skip
    form = ContactForm(form_data(request), initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.contact_save(request=request, expected_version=data.pop("version"), **data)
        except versions.StaleVersion:
            contact = CentreContact.current()
            form, conflict = versions.conflict(
                form, current=contact, fields=["phone", "email", "postal_address"],
                make_form=lambda data: ContactForm(data, initial=initial),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contact details are saved."))
            return redirect("public:admin_home")
    return render(
        request, "public/admin/contact.html", {"form": form, "contact": contact, "conflict": conflict}
    )


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def admin_partner(request: HttpRequest, pk: int) -> HttpResponse:
    """What the public site says about a directory organisation, in each language; the organisation
    itself (name, places, website, whether it is shown) is edited in the partner directory."""
    organisation = get_organisation_for(request, pk)
    existing = dict(
        PartnerDescription.objects.filter(organisation=organisation).values_list("language", "text")
    )
    form = PartnerDescriptionsForm(form_data(request), existing=existing)
    if request.method == "POST" and form.is_valid():
        services.partner_descriptions_save(
            request=request, organisation=organisation, descriptions=form.descriptions()
        )
        messages.success(request, _("The descriptions are saved."))
        return redirect("public:admin_home")
    return render(request, "public/admin/partner.html", {"form": form, "organisation": organisation})


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def admin_library(request: HttpRequest) -> HttpResponse:
    form = LibraryUploadForm(form_data(request), form_files(request))
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
