"""The case file's pages: attachments (list, filing, download), documents to restore, the summary."""

from __future__ import annotations

from functools import wraps
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.casefiles import services, summary, uploads
from ostoja.casefiles.access import (
    FILE,
    RECORD_DOCUMENT,
    SUMMARY,
    get_attachment_for,
    get_document_for,
    readable_levels,
)
from ostoja.casefiles.codes import SummaryPurpose
from ostoja.casefiles.forms import AttachmentForm, DocumentForm, DocumentNewForm, SummaryForm
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.casefiles.uploads import MEDIA_TYPES
from ostoja.cases.access import Perm, get_case_for
from ostoja.http import form_data, form_files
from ostoja.paging import UncountedPaginator
from ostoja.web import once

PAGE = 25


def _related(case) -> list[tuple[str, int]]:
    return [("case", case.pk), ("person", case.person_id)]


def _file_safe(number: str) -> str:
    return number.replace("/", "-")


def memory_uploads(view):
    """The upload is kept in memory only (never written to a temporary file, see uploads.py).

    Upload handlers can be set only before the request's body is read, which Django's CSRF check
    does; so the check runs here, after them (``csrf_protect``), instead of in the middleware.
    """
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.upload_handlers = [uploads.MemoryOnlyUploadHandler(request)]
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


# Attachments


@role_required(*STAFF)
def attachments(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The attachments the user may read, the latest first, a page at a time (titles decrypted for the page)."""
    case = get_case_for(request, case_pk, Perm.VIEW, details={"list": "attachments"})
    rows = (
        Attachment.objects.filter(case=case, level__in=readable_levels(case.access))
        .select_related("uploaded_by").order_by("-uploaded_at", "-pk")
    )  # fmt: skip
    page = UncountedPaginator(rows, PAGE).get_page(request.GET.get("page"))
    if page.object_list:
        audit.record(
            request=request, action="list", object_type="attachment", object_ids=[a.pk for a in page],
            related=_related(case),
        )  # fmt: skip
    return render(
        request, "casefiles/attachments.html", {"case": case, "page": page, "may_file": case.access.can(FILE)}
    )


@memory_uploads
@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def attachment_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, FILE, details={"form": "attachment"})
    form = AttachmentForm(
        form_data(request), form_files(request), instance=Attachment(case=case),
        initial={"token": once.new_token()},
    )  # fmt: skip
    form.fields["upload"].help_text = _(
        "A PDF, a JPEG or PNG image, or a DOCX or ODT document, at most %(mb)s MB. It is stored encrypted."
    ) % {"mb": f"{uploads.max_bytes() / (1024 * 1024):.1f}".removesuffix(".0")}
    if request.method == "POST" and form.is_valid():
        attachment = services.attachment_file(
            attachment=form.instance, file_type=form.file_type, data=form.content, filename=form.filename,
            actor=request.user,
        )  # fmt: skip
        audit.record(
            request=request, action="create", object_type="attachment", object_ids=[attachment.pk],
            related=_related(case), details={"kind": attachment.kind, "level": attachment.level},
        )  # fmt: skip
        messages.success(request, _("The file is added to the case file."))
        return redirect("casefiles:attachments", case_pk=case.pk)
    return render(
        request, "casefiles/attachment_form.html", {"case": case, "form": form},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@role_required(*STAFF)
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_attachment_for(request, pk, action="download", details={"file": True})
    data = services.attachment_bytes(attachment)
    response = HttpResponse(data, content_type=MEDIA_TYPES[attachment.file_type])
    name = attachment.filename
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


# Documents to restore


@role_required(*STAFF)
def documents(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, Perm.VIEW, details={"list": "documents_to_restore"})
    rows = DocumentRestoration.objects.filter(case=case).order_by("-created_at", "-pk")
    page = UncountedPaginator(rows, PAGE).get_page(request.GET.get("page"))
    if page.object_list:
        audit.record(
            request=request, action="list", object_type="document_restoration", object_ids=[d.pk for d in page],
            related=_related(case),
        )  # fmt: skip
    return render(
        request, "casefiles/documents.html",
        {"case": case, "page": page, "may_record": case.access.can(RECORD_DOCUMENT)},
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def document_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, RECORD_DOCUMENT, details={"form": "document_to_restore"})
    form = DocumentNewForm(
        form_data(request), instance=DocumentRestoration(case=case),
        initial={"token": once.new_token(), "version": 0},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_save(
                document=form.instance, actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            audit.record(
                request=request, action="create", object_type="document_restoration", object_ids=[document.pk],
                related=_related(case),
            )  # fmt: skip
            messages.success(request, _("The document to restore is recorded."))
            return redirect("casefiles:documents", case_pk=case.pk)
    return render(
        request, "casefiles/document_form.html", {"case": case, "form": form, "document": None},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for(request, pk, RECORD_DOCUMENT, details={"form": "edit"})
    form = DocumentForm(form_data(request), instance=document, initial={"version": document.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.document_save(
                document=form.instance, actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except versions.StaleVersion:
            form, conflict = versions.conflict(
                form, current=DocumentRestoration.objects.get(pk=document.pk), fields=DocumentForm.Meta.fields,
                make_form=lambda data: DocumentForm(data, instance=DocumentRestoration.objects.get(pk=document.pk)),
            )  # fmt: skip
        else:
            audit.record(
                request=request, action="update", object_type="document_restoration", object_ids=[document.pk],
                related=_related(document.case),
            )  # fmt: skip
            messages.success(request, _("The document to restore is saved."))
            return redirect("casefiles:documents", case_pk=document.case.pk)
    return render(
        request, "casefiles/document_form.html",
        {"case": document.case, "form": form, "document": document, "conflict": conflict},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


# The case summary


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def case_summary(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The form asks what the summary is for; its submission is the PDF, audited as an export that
    names every record it prints and the purpose."""
    form = SummaryForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        purpose = form.cleaned_data["purpose"]
        built: list[summary.Summary] = []

        def shows(case):
            built.append(summary.build(case, case.access, purpose))
            return built[0].shown

        case = get_case_for(
            request,
            case_pk,
            SUMMARY,
            action="export",
            details={"summary": True, "purpose": purpose},
            shows=shows,
        )
        html = summary.summary_html(built[0], str(SummaryPurpose(purpose).label), str(request.user))
        response = HttpResponse(summary.summary_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="summary-{_file_safe(case.number)}.pdf"'
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    case = get_case_for(request, case_pk, SUMMARY, details={"form": "case_summary"})
    return render(
        request,
        "casefiles/summary_form.html",
        {"case": case, "form": form},
        status=400 if form.is_bound else 200,
    )
