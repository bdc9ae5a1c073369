"""What the case file adds elsewhere: case-page sections, timeline entries, the job that turns
overdue documents into tasks, its sections of the case summary, and the names of its records."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja import dates
from ostoja.casefiles import services
from ostoja.casefiles.access import FILE, RECORD_DOCUMENT, SUMMARY, readable_levels
from ostoja.casefiles.codes import WAITING
from ostoja.casefiles.models import Attachment, DocumentRestoration
from ostoja.cases import naming, timeline
from ostoja.cases.access import Access, Perm
from ostoja.cases.models import Case
from ostoja.people.countries import country_name
from ostoja.plugins import CaseSection, Job, Plugin, RecordKind, SummaryPart, SummarySection

LATEST = 5
ATTACHMENT_PLAIN = ("pk", "case_id", "kind", "level", "file_type", "size", "uploaded_at", "uploaded_by_id")
DOCUMENT_PLAIN = (
    "pk",
    "case_id",
    "document",
    "country",
    "status",
    "expected_on",
    "received_on",
    "created_at",
)


def _attachments(case: Case, access: Access):
    return Attachment.objects.filter(case=case, level__in=readable_levels(access)).only(*ATTACHMENT_PLAIN)


def _shared_attachments(case: Case, access: Access) -> list[Attachment] | None:
    """The attachments the viewer may read, loaded once for the case page's timeline and its section."""
    levels = sorted(readable_levels(access))
    key = "attachment:" + ",".join(map(str, levels))
    return timeline.case_rows(case, key, _attachments(case, access).select_related("uploaded_by"))


def _shared_documents(case: Case) -> list[DocumentRestoration] | None:
    rows = DocumentRestoration.objects.filter(case=case).select_related("created_by")
    return timeline.case_rows(case, "document_restoration", rows.only(*DOCUMENT_PLAIN, "created_by"))


def _case_section(request: HttpRequest, case: Case) -> dict:
    shared = _shared_attachments(case, case.access)
    latest = (
        timeline.newest(shared, "uploaded_at", "pk")[:LATEST] if shared is not None
        else list(
            _attachments(case, case.access).select_related("uploaded_by").order_by("-uploaded_at", "-pk")[:LATEST]
        )
    )  # fmt: skip
    return {
        "latest": latest,
        "may_file": case.access.can(FILE),
        "may_print": case.access.can(SUMMARY),
        "shown": [("attachment", a.pk) for a in latest],
    }


def _documents_section(request: HttpRequest, case: Case) -> dict:
    shared = _shared_documents(case)
    rows = (
        timeline.newest(shared, "created_at", "pk")[:LATEST] if shared is not None
        else list(
            DocumentRestoration.objects.filter(case=case).only(*DOCUMENT_PLAIN).order_by("-created_at", "-pk")[:LATEST]
        )
    )  # fmt: skip
    return {
        "documents": rows,
        "may_record": case.access.can(RECORD_DOCUMENT),
        "shown": [("document_restoration", d.pk) for d in rows],
    }


def _attachment_entries(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_attachments(case, access)
    rows = (
        window.pick(shared, "uploaded_at") if shared is not None
        else window.bound(_attachments(case, access).select_related("uploaded_by"), "uploaded_at")
    )  # fmt: skip
    return [
        timeline.Entry(a.uploaded_at, "attachment", _("Attachment added: %(kind)s") % {"kind": a.get_kind_display()},
                       "attachment", a.pk, who=str(a.uploaded_by))
        for a in rows
    ]  # fmt: skip


def _document_entries(case: Case, access: Access, window: timeline.Window) -> list[timeline.Entry]:
    shared = _shared_documents(case)
    rows = window.pick(shared, "created_at") if shared is not None else window.bound(
        DocumentRestoration.objects.filter(case=case)
        .select_related("created_by")
        .only(*DOCUMENT_PLAIN, "created_by"),
        "created_at",
    )  # fmt: skip
    return [
        timeline.Entry(d.created_at, "document", _("Document to restore: %(document)s") % {"document": d.get_document_display()},
                       "document_restoration", d.pk, who=str(d.created_by))
        for d in rows
    ]  # fmt: skip


def _documents_part(case: Case, access: Access) -> SummaryPart | None:
    if not access.can(Perm.VIEW):
        return None
    rows = list(
        DocumentRestoration.objects.filter(case=case).only(*DOCUMENT_PLAIN).order_by("created_at", "pk")
    )
    lines = []
    for d in rows:
        line = _("%(document)s (%(country)s): %(status)s") % {
            "document": d.get_document_display(), "country": country_name(d.country), "status": d.get_status_display(),
        }  # fmt: skip
        if d.received_on:
            line += "; " + _("received on %(day)s") % {"day": dates.show(d.received_on)}
        elif d.expected_on and d.status in WAITING:
            line += "; " + _("expected on %(day)s") % {"day": dates.show(d.expected_on)}
        lines.append(line)
    return SummaryPart(
        lines=lines, shown=[("document_restoration", d.pk) for d in rows], empty=_("No documents to restore.")
    )


def _attachments_part(case: Case, access: Access) -> SummaryPart | None:
    rows = list(_attachments(case, access).order_by("uploaded_at", "pk"))
    lines = [
        _("%(kind)s, added on %(day)s")
        % {"kind": a.get_kind_display(), "day": dates.show(a.uploaded_at, "date")}
        for a in rows
    ]
    return SummaryPart(lines=lines, shown=[("attachment", a.pk) for a in rows], empty=_("No attachments."))


plugin = Plugin(
    case_sections=[
        CaseSection(
            "documents",
            gettext_lazy("Documents to restore"),
            "casefiles/sections/documents.html",
            _documents_section,
            order=27,
        ),
        CaseSection(
            "casefiles",
            gettext_lazy("Case file"),
            "casefiles/sections/attachments.html",
            _case_section,
            order=28,
        ),
    ],
    timeline=[
        timeline.Source("attachment", _attachment_entries),
        timeline.Source("document_restoration", _document_entries),
    ],
    housekeeping=[
        Job(
            "documents_overdue",
            gettext_lazy("Overdue documents to restore become tasks"),
            services.overdue_documents_to_tasks,
        ),
    ],
    summary_sections=[
        SummarySection("documents", gettext_lazy("Documents to restore"), _documents_part, order=70),
        SummarySection("attachments", gettext_lazy("Attachments"), _attachments_part, order=80),
    ],
    records=[
        RecordKind(
            "attachment",
            gettext_lazy("attachment"),
            naming.by_case(Attachment, lambda: _("an attachment in case %(number)s")),
        ),
        RecordKind(
            "document_restoration",
            gettext_lazy("document to restore"),
            naming.by_case(DocumentRestoration, lambda: _("a document to restore in case %(number)s")),
        ),
    ],
)
