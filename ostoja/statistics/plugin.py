"""What statistics adds elsewhere: navigation entries, the upkeep of case exports and imports, and the
case page's section of the ministry's questionnaire (reviewed or not, and the link to complete it)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ostoja.cases import naming
from ostoja.cases.access import Perm
from ostoja.plugins import (
    CaseSection,
    Job,
    NavItem,
    Plugin,
    RecordKind,
    StaffRef,
    SubjectRecord,
    SubjectSection,
)
from ostoja.statistics.access import CATEGORY_ROLES, IMPORT_ROLES, STATISTICS_ROLES
from ostoja.statistics.models import (
    CaseExport,
    FunderReport,
    ImportRun,
    QuestionnaireAnswers,
    ReportCategory,
)


def _subject_data(person) -> list[SubjectSection]:
    """The ministry questionnaire's answers completed in the person's cases, in words."""
    from django.utils.text import capfirst

    from ostoja.statistics.questionnaire import ANSWER_FIELDS, answer_label

    records = []
    rows = QuestionnaireAnswers.objects.filter(case__person=person).select_related("case", "reviewed_by")
    for answers in rows.order_by("case__opened_on", "pk"):
        fields: list = [
            (
                capfirst(QuestionnaireAnswers._meta.get_field(name).verbose_name),
                answer_label(name, getattr(answers, name)),
            )
            for name in ANSWER_FIELDS
        ]
        fields.append(
            (capfirst(QuestionnaireAnswers._meta.get_field("reviewed_at").verbose_name), answers.reviewed_at)
        )
        if answers.reviewed_by is not None:
            fields.append((_("reviewed by"), StaffRef(answers.reviewed_by, _("case manager"))))
        records.append(SubjectRecord(
            f"{QuestionnaireAnswers._meta.verbose_name} — {answers.case.number}", fields, ("questionnaire", answers.pk)
        ))  # fmt: skip
    if not records:
        return []
    return [SubjectSection("questionnaire", gettext_lazy("The ministry's questionnaire"), records, order=90)]


def _case_section(request, case) -> dict:
    answers = QuestionnaireAnswers.objects.filter(case=case).only("pk", "case_id", "reviewed_at").first()
    return {
        "answers": answers,
        "may_change": case.access.can(Perm.CHANGE),
        "shown": [("questionnaire", answers.pk)] if answers else [],
    }


def _forget_expired_exports() -> int:
    """Deletes case exports past their time, downloaded or not: the file goes with its row (the audit
    log keeps who exported which cases and why)."""
    from django.utils import timezone

    from ostoja.statistics.models import CaseExport

    deleted, _kinds = CaseExport.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def _forget_left_uploads() -> int:
    """Deletes uploaded files an import left behind (a worker stopped half-way) after a day: the same
    file uploaded again resumes the import."""
    import datetime as dt

    from django.utils import timezone

    from ostoja.statistics.models import ImportUpload

    deleted, _kinds = ImportUpload.objects.filter(
        created_at__lt=timezone.now() - dt.timedelta(days=1)
    ).delete()
    return deleted


plugin = Plugin(
    navigation=[
        NavItem(gettext_lazy("Statistics"), "statistics:overview", STATISTICS_ROLES, 80),
        NavItem(gettext_lazy("Import historical cases"), "statistics:imports", IMPORT_ROLES, 81),
        NavItem(gettext_lazy("Report categories"), "statistics:categories", CATEGORY_ROLES, 96),
    ],
    case_sections=[
        CaseSection(
            "questionnaire",
            gettext_lazy("The ministry's questionnaire"),
            "statistics/sections/case_section.html",
            _case_section,
            order=90,
        )
    ],
    housekeeping=[
        Job("expired_exports", gettext_lazy("Delete expired case exports"), _forget_expired_exports),
        Job("import_uploads", gettext_lazy("Delete files left by unfinished imports"), _forget_left_uploads),
    ],
    subject_data=_subject_data,
    records=[
        RecordKind("statistics", gettext_lazy("statistics")),
        RecordKind(
            "funder_report",
            gettext_lazy("funder's report"),
            naming.by_field(FunderReport, "year", lambda: _("funder's report for %(value)s")),
        ),
        RecordKind(
            "statistics_import",
            gettext_lazy("imported file"),
            naming.by_field(ImportRun, "file_name", lambda: _("imported file %(value)s")),
        ),
        RecordKind("report_category", gettext_lazy("report category"), naming.by_label(ReportCategory)),
        RecordKind(
            "questionnaire",
            gettext_lazy("ministry's questionnaire"),
            naming.by_field(
                QuestionnaireAnswers, "case__number", lambda: _("questionnaire of case %(value)s")
            ),
        ),
        RecordKind(
            "case_export",
            gettext_lazy("case export"),
            naming.by_time(CaseExport, "created_at", lambda: _("case export of %(when)s")),
        ),
    ],
)
