"""Changes to the public site's content, and handing a public report to the hotline."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from ostoja.accounts.models import User
from ostoja.audit import services as audit
from ostoja.public import library
from ostoja.public.models import CentreContact, LibraryDocument, Partner, PartnerDescription, PublicText


@transaction.atomic
def public_text_save(*, request: HttpRequest, language: str, key: str, title: str, body: str) -> PublicText:
    text = PublicText.objects.filter(language=language, key=key).first() or PublicText(
        language=language, key=key
    )
    created = text.pk is None
    text.title, text.body, text.updated_by = title, body, request.user
    text.full_clean()
    text.save()
    # What the public reads about the centre (its phone number above all) is a target for anyone
    # who wants to intercept victims, so every change is on the audit log.
    audit.record(
        request=request,
        action="create" if created else "update",
        object_type="public_text",
        object_ids=[text.pk],
        details={"language": language, "key": key},
    )
    return text


@transaction.atomic
def contact_save(*, request: HttpRequest, phone: str, email: str, postal_address: str) -> CentreContact:
    contact = CentreContact.objects.filter(pk=1).first() or CentreContact(pk=1)
    contact.phone, contact.email, contact.postal_address = phone, email, postal_address
    contact.confirmed, contact.updated_by = True, request.user
    contact.full_clean()
    contact.save()
    audit.record(
        request=request,
        action="update",
        object_type="public_contact",
        object_ids=[contact.pk],
        details={"fields": ["phone", "email", "postal_address"]},
    )
    return contact


@transaction.atomic
def partner_save(*, request: HttpRequest, partner: Partner, descriptions: dict[str, str]) -> Partner:
    created = partner.pk is None
    partner.full_clean()
    partner.save()
    existing = {d.language: d for d in partner.descriptions.all()}
    for language, text in descriptions.items():
        found = existing.get(language)
        if text.strip():
            if found is None:
                PartnerDescription.objects.create(partner=partner, language=language, text=text.strip())
            elif found.text != text.strip():
                found.text = text.strip()
                found.save(update_fields=["text"])
        elif found is not None:
            found.delete()
    audit.record(
        request=request,
        action="create" if created else "update",
        object_type="public_partner",
        object_ids=[partner.pk],
    )
    return partner


@transaction.atomic
def library_document_add(
    *, request: HttpRequest | None, data: bytes, title: str, language: str, description: str = "",
    uploaded_by: User | None = None,
) -> LibraryDocument:  # fmt: skip
    pages = library.check_pdf(data)
    stored_name = library.store(data)
    # If anything below fails, the stored file must not stay behind without a row.
    try:
        document = LibraryDocument(
            title=title,
            description=description,
            language=language,
            stored_name=stored_name,
            size=len(data),
            pages=pages,
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
                details={"language": language, "size": len(data)},
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
