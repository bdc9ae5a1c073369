"""Case-level exports for supervisors: chosen fields of every case, CSV or XLSX, encrypted at rest.

Supervisors may see every case (``supervision`` in cases/access.py), so the export holds every case.
No address is ever offered: the fields are the case's codes and dates and, if chosen, the person's
name. The file is built by a task, stored encrypted in its row, downloaded once by its creator within
``VALID_FOR``, and its content erased at that download. Creation is audited with the ids exported.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from ostoja.cases.models import Case

VALID_FOR = dt.timedelta(hours=24)
FIELDS = {
    "number": _("Case number"),
    "opened_on": _("Opened on"),
    "closed_on": _("Closed on"),
    "status": _("Status"),
    "phase": _("Phase"),
    "gender": _("Gender"),
    "citizenships": _("Citizenships"),
    "is_minor": _("Minor"),
    "forms": _("Forms of exploitation"),
    "given_name": _("Given name"),
    "family_name": _("Family name"),
}
NAMES = {"given_name", "family_name"}


def _value(case: Case, field: str) -> str:
    person = case.person
    if field == "number":
        return case.number
    if field in ("opened_on", "closed_on"):
        value = getattr(case, field)
        return value.isoformat() if value else ""
    if field == "status":
        return str(case.get_status_display())
    if field == "phase":
        return str(case.get_phase_display())
    if field == "gender":
        return str(person.get_gender_display())
    if field == "citizenships":
        return ";".join(person.citizenships or [])
    if field == "is_minor":
        return "1" if person.is_minor else "0"
    if field == "forms":
        profile = getattr(case, "exploitation_profile", None)
        return ";".join(profile.forms) if profile else ""
    return getattr(person, field) or ""


def build(fields: list[str], file_format: str) -> tuple[bytes, list[int]]:
    cases = Case.objects.select_related("person", "exploitation_profile").order_by("pk")
    header = [str(FIELDS[f]) for f in fields]
    rows, ids = [], []
    for case in cases.iterator(chunk_size=1_000):
        rows.append([_value(case, f) for f in fields])
        ids.append(case.pk)
    if file_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode("utf-8"), ids
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), ids


def encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode(text: str) -> bytes:
    return base64.b64decode(text)
