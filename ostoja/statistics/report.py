"""The funder's yearly report: the standard tables of one year, in Polish, as XLSX and PDF.

Prepared by a background task (``tasks.build_report``) that records its progress on the report, so
the page can show it; the counts are protected exactly as on the statistics page.
"""

from __future__ import annotations

import datetime as dt
import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ostoja.statistics import figures, present
from ostoja.statistics.forms import Kind, Period
from ostoja.statistics.models import FunderReport, ReportStatus
from ostoja.statistics.protect import threshold

REPORT_LANGUAGE = "pl"


def _summary(tables: list[present.Shown], year: int) -> list[str]:
    by_key = {t.key: t for t in tables}
    total = by_key["beneficiaries"].total
    lines = [
        _(
            "In %(year)s the centre helped %(n)s people (cases opened in the year and imported historical cases)."
        )
        % {"year": year, "n": total.show() if total else "0"}
    ]
    contacts = by_key["contacts_channel"].total
    if contacts:
        lines.append(_("Contacts with the centre in the year: %(n)s.") % {"n": contacts.show()})
    lines.append(
        _(
            "Counts from 1 to %(t)s are shown as “<%(l)s”, and further counts are hidden where a total would give them away."
        )
        % {"t": threshold(), "l": threshold() + 1}
    )
    return lines


def _xlsx(year: int, summary: list[str], tables: list[present.Shown]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(year)
    sheet.append([_("Report for the funder — %(year)s") % {"year": year}])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in summary:
        sheet.append([line])
    for table in tables:
        sheet.append([])
        sheet.append([str(table.title)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        sheet.append([_("Category"), str(year), str(year - 1), _("Change")])
        for row in table.rows:
            sheet.append(
                [str(row.label), row.now.show(), row.before.show() if row.before else "", row.change]
            )
        if table.total:
            sheet.append(
                [_("Total"), table.total.show(), table.total_before.show() if table.total_before else ""]
            )
        if table.note:
            sheet.append([str(table.note)])
    sheet.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf(year: int, summary: list[str], tables: list[present.Shown]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "statistics/funder_report_pdf.html", {"year": year, "summary": summary, "tables": tables}
    )
    return HTML(string=html, url_fetcher=_refuse).write_pdf()


def _refuse(url: str, *args, **kwargs):
    raise ValueError(f"The report fetches nothing ({url}).")


def build(report: FunderReport) -> None:
    def step(progress: int, status: str = ReportStatus.RUNNING) -> None:
        report.progress, report.status = progress, status
        FunderReport.objects.filter(pk=report.pk).update(progress=progress, status=status)

    with translation.override(REPORT_LANGUAGE):
        step(5)
        year = report.year
        period = Period(Kind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))
        now = figures.compute(period)
        step(35)
        before = figures.compute(period.previous())
        step(60)
        tables = present.show(now, before)
        summary = _summary(tables, year)
        report.xlsx = _xlsx(year, summary, tables)
        step(75)
        report.pdf = _pdf(year, summary, tables)
    report.status, report.progress, report.finished_at = ReportStatus.DONE, 100, timezone.now()
    report.save(update_fields=["xlsx", "pdf", "status", "progress", "finished_at"])
