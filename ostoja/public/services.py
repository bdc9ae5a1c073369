"""Changes to the public site's content, and handing a public report to the hotline."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from ostoja import versions
from ostoja.accounts.models import User
from ostoja.audit import services as audit
from ostoja.partners.models import Organisation
from ostoja.public import library
from ostoja.public.models import CentreContact, LibraryDocument, PartnerDescription, PublicText


@transaction.atomic
def public_text_save(
    *,
    request: HttpRequest,
    language: str,
    key: str,
    title: str,
    body: str,
    expected_version: int,
    reviewed_by: str = "",
    reviewed_on=None,
) -> PublicText:
    """Saves the text; StaleVersion when someone saved it since ``expected_version`` (0: not yet written).

    The editor shows the current review; a review kept as shown stays only while the title and
    text are unchanged. Changed wording is a draft until a new review (another name or date) is
    given with it; emptying both fields makes the text a draft.
    """
    text = PublicText.objects.filter(language=language, key=key).first() or PublicText(
        language=language, key=key
    )
    created = text.pk is None
    wording_changed = created or (text.title, text.body) != (title, body)
    new_review = (reviewed_by, reviewed_on) != (text.reviewed_by, text.reviewed_on)
    text.title, text.body, text.updated_by = title, body, request.user
    if reviewed_by and reviewed_on and (new_review or not wording_changed):
        text.reviewed_by, text.reviewed_on = reviewed_by, reviewed_on
    else:
        text.reviewed_by, text.reviewed_on = "", None
    text.full_clean(validate_unique=False)
    versions.save(text, expected_version)
    # What the public reads about the centre (its phone number above all) is a target for anyone
    # who wants to intercept victims, so every change is on the audit log.
    audit.record(
        request=request,
        action="create" if created else "update",
        object_type="public_text",
        object_ids=[text.pk],
        details={"language": language, "key": key, "reviewed": text.reviewed},
    )
    return text


@transaction.atomic
def contact_save(
    *, request: HttpRequest, phone: str, email: str, postal_address: str, expected_version: int
) -> CentreContact:
    """Saves the centre's contact details; StaleVersion when someone saved them since ``expected_version``."""
    contact = CentreContact.objects.filter(pk=1).first() or CentreContact(pk=1)
    contact.phone, contact.email, contact.postal_address = phone, email, postal_address
    contact.confirmed, contact.updated_by = True, request.user
    contact.full_clean(validate_unique=False)
    versions.save(contact, expected_version)
    audit.record(
        request=request,
        action="update",
        object_type="public_contact",
        object_ids=[contact.pk],
        details={"fields": ["phone", "email", "postal_address"]},
    )
    return contact


@transaction.atomic
def partner_descriptions_save(
    *, request: HttpRequest, organisation: Organisation, descriptions: dict[str, str]
) -> list[str]:
    """Saves what the public site says about a directory organisation; returns the languages changed."""
    existing = {d.language: d for d in PartnerDescription.objects.filter(organisation=organisation)}
    changed = []
    for language, text in descriptions.items():
        found, text = existing.get(language), text.strip()
        if text and found is None:
            PartnerDescription.objects.create(organisation=organisation, language=language, text=text)
        elif text and found is not None and found.text != text:
            found.text = text
            found.save(update_fields=["text"])
        elif not text and found is not None:
            found.delete()
        else:
            continue
        changed.append(language)
    if changed:
        audit.record(
            request=request, action="update", object_type="public_partner", object_ids=[organisation.pk],
            details={"languages": changed},
        )  # fmt: skip
    return changed


@transaction.atomic
def library_document_add(
    *, request: HttpRequest | None, data: bytes, title: str, language: str, description: str = "",
    uploaded_by: User | None = None,
) -> LibraryDocument:  # fmt: skip
    # What is stored is the checked rewrite of the upload, never the upload itself.
    clean = library.clean_pdf(data)
    stored_name = library.store(clean.data)
    # If anything below fails, the stored file must not stay behind without a row.
    try:
        document = LibraryDocument(
            title=title,
            description=description,
            language=language,
            stored_name=stored_name,
            size=len(clean.data),
            pages=clean.pages,
            uploaded_by=uploaded_by or (request.user if request is not None else None),
        )
        document.full_clean()
        document.save()
        if request is not None:
            audit.record(
                request=request,
                action="create",
                object_type="public_document",
                object_ids=[document.pk],
                details={"language": language, "size": len(clean.data)},
            )
    except Exception:
        library.remove(stored_name)
        raise
    return document


@transaction.atomic
def library_document_delete(*, request: HttpRequest, document: LibraryDocument) -> None:
    stored_name, pk = document.stored_name, document.pk
    document.delete()
    audit.record(request=request, action="delete", object_type="public_document", object_ids=[pk])
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: library.remove(stored_name))
