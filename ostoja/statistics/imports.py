"""Importing a CTDC or HTCDS 2.0 file as de-identified historical cases.

The file is known by the SHA-256 of its bytes. Rows are checked one by one (``ctdc.parse``, or
``htcds_import.parse`` for HTCDS) and stored in batches, each batch in one transaction together with
the run's position, so an import either completes a batch or leaves nothing of it, an interrupted
import resumes where it stopped, and the same file imported again adds nothing. A file that is not
CSV, not in UTF-8, with a wrong header or cut inside a quoted field is refused before anything is
stored. A completed import is audited (who, which file, how many rows).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ostoja.statistics import ctdc, htcds_import
from ostoja.statistics.models import HistoricalCase, HistoricalTally, ImportRun, ImportStatus

BATCH = 5_000
KEPT_REFUSALS = 500  # refusals kept in full; beyond them only the count per reason
TALLIED = ("datasource", "gender", "age_band", "majority", "citizenship", "country_of_exploitation", "forms")


class ImportRefused(Exception):
    """The whole file is refused (wrong header, encoding): nothing was stored."""


@dataclass
class Outcome:
    run: ImportRun
    already: bool  # the file had been imported completely before: nothing added


SOURCES = ("ctdc", "htcds")
# The first bytes of files that are sometimes chosen instead of the CSV.
NOT_CSV = ((b"PK\x03\x04", "XLSX / ZIP"), (b"%PDF", "PDF"), (b"\xd0\xcf\x11\xe0", "XLS / DOC"))


def _text(data: bytes) -> str:
    for magic, kind in NOT_CSV:
        if data.startswith(magic):
            raise ImportRefused(
                _("The file is not a CSV file (it is %(kind)s). Save it as CSV UTF-8 and import it again.")
                % {"kind": kind}
            )
    if b"\x00" in data[:65_536]:
        raise ImportRefused(
            _("The file is not a CSV file: it is not text. Save it as CSV UTF-8 and import it again.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            _("The file is not in UTF-8 (line %(line)s). Save it as CSV UTF-8 and import it again.")
            % {"line": line}
        ) from error


def _header_problem(source: str, header: list[str]) -> str:
    if source == "htcds":
        return htcds_import.header_problem(header)
    if tuple(h.strip() for h in header) == ctdc.COLUMNS:
        return ""
    missing = [c for c in ctdc.COLUMNS if c not in header]
    extra = [h for h in header if h not in ctdc.COLUMNS]
    return "; ".join(
        part for part in (
            _("missing: %(c)s") % {"c": ", ".join(missing[:5])} if missing else "",
            # Counted, never repeated: in a file without its header they are a row's values.
            _("columns not known: %(n)s") % {"n": len(extra)} if extra else "",
        ) if part
    ) or _("the columns are in another order")  # fmt: skip


def _rows(data: bytes, source: str = "ctdc") -> tuple[list[str], list[list[str]]]:
    """The header and the data rows of the file, or ``ImportRefused`` saying what is wrong with it."""
    reader = csv.reader(io.StringIO(_text(data), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(_("The file is empty.")) from None
    except csv.Error as error:
        raise ImportRefused(_("The file is not a CSV file: %(error)s") % {"error": error}) from error
    problem = _header_problem(source, header)
    if problem:
        if len(header) == 1 and ";" in header[0]:
            raise ImportRefused(
                _("The fields are separated by semicolons. Save the file as CSV with commas (CSV UTF-8) "
                  "and import it again. Nothing was imported.")
            )  # fmt: skip
        if source == "htcds":
            raise ImportRefused(
                _("The header is not the HTCDS 2.0 fields (%(detail)s). Nothing was imported.")
                % {"detail": problem}
            )
        raise ImportRefused(
            _("The header is not CTDC's 63 columns (%(detail)s). Nothing was imported.") % {"detail": problem}
        )
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ImportRefused(
            _("The file cannot be read as CSV at line %(line)s: %(error)s. Nothing was imported.")
            % {"line": reader.line_num, "error": error}
        ) from error
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # empty lines at the end, as spreadsheets save them: no row, and not a cut-short file
    if source == "htcds":
        rows = [htcds_import.in_order(header, row) for row in rows]
    return header, rows


def check(data: bytes, source: str) -> int:
    """How many data rows the file has, or ``ImportRefused`` (not CSV, not UTF-8, a wrong header, no rows,
    a last line cut short): the upload page's check before anything is stored."""
    header, rows = _rows(data, source)
    if not rows:
        raise ImportRefused(_("The file has a header but no rows: there is nothing to import."))
    if len(rows[-1]) < len(header):
        # A short row in the middle is refused on its own; a short last one says the file was cut.
        raise ImportRefused(
            _("The last line (row %(row)s) has %(n)s fields, not %(expected)s: the file seems cut short. "
              "Save it again in full. Nothing was imported.")
            % {"row": len(rows), "n": len(rows[-1]), "expected": len(header)}
        )  # fmt: skip
    return len(rows)


def _parser(source: str, year: int | None) -> Callable[[list[str]], dict]:
    this_year = timezone.localdate().year
    if source == "htcds":
        reference = dt.date(year, 12, 31) if year else timezone.localdate()
        return lambda row: htcds_import.parse(row, reference, year)
    return lambda row: ctdc.parse(row, this_year)


def import_ctdc(
    path: Path, *, user=None, batch: int = BATCH, progress: Callable[[ImportRun], None] | None = None
) -> Outcome:
    return import_data(
        path.read_bytes(), source="ctdc", file_name=path.name, user=user, batch=batch, progress=progress
    )


def import_htcds(
    path: Path,
    *,
    user=None,
    year: int | None = None,
    batch: int = BATCH,
    progress: Callable[[ImportRun], None] | None = None,
) -> Outcome:
    return import_data(
        path.read_bytes(),
        source="htcds",
        file_name=path.name,
        user=user,
        year=year,
        batch=batch,
        progress=progress,
    )


def find_run(data: bytes, source: str) -> ImportRun | None:
    return ImportRun.objects.filter(source=source, file_sha256=hashlib.sha256(data).hexdigest()).first()


def import_data(
    data: bytes,
    *,
    source: str,
    file_name: str,
    user=None,
    year: int | None = None,
    batch: int = BATCH,
    progress: Callable[[ImportRun], None] | None = None,
) -> Outcome:
    """Imports the file (or what is left of it: a run of the same bytes resumes where it stopped)."""
    from ostoja.audit import services as audit

    digest = hashlib.sha256(data).hexdigest()
    run = ImportRun.objects.filter(source=source, file_sha256=digest).first()
    if run is not None and run.status == ImportStatus.COMPLETE:
        return Outcome(run, already=True)
    _header, rows = _rows(data, source)
    if run is None:
        run = ImportRun.objects.create(
            source=source,
            file_sha256=digest,
            file_name=file_name[:300],
            rows_total=len(rows),
            started_by=user,
        )
    run.status, run.error = ImportStatus.RUNNING, ""
    run.save(update_fields=["status", "error"])
    parse = _parser(source, year)
    counts = Counter(run.refusal_counts)
    while run.next_row <= len(rows):
        first, last = run.next_row, min(run.next_row + batch - 1, len(rows))
        cases, refusals = [], []
        for number in range(first, last + 1):
            try:
                cases.append(HistoricalCase(run=run, row=number, **parse(rows[number - 1])))
            except ctdc.Refusal as refusal:
                refusals.append({"row": number, "column": refusal.column, "reason": str(refusal.reason)})
                counts[refusal.column or "row"] += 1
        with transaction.atomic():
            HistoricalCase.objects.bulk_create(cases, batch_size=1_000)
            run.next_row = last + 1
            run.imported += len(cases)
            run.refused += len(refusals)
            room = KEPT_REFUSALS - len(run.refusals)
            run.refusals = [*run.refusals, *refusals[: max(room, 0)]]
            run.refusal_counts = dict(counts)
            run.save(update_fields=["next_row", "imported", "refused", "refusals", "refusal_counts"])
        if progress:
            progress(run)
    with transaction.atomic():
        rebuild_tallies()
        run.status, run.finished_at = ImportStatus.COMPLETE, timezone.now()
        run.save(update_fields=["status", "finished_at"])
        audit.record(
            actor=run.started_by, action="create", object_type="statistics_import", object_ids=[run.pk],
            details={"source": source, "file": run.file_name, "sha256": digest, "rows": run.rows_total,
                     "imported": run.imported, "refused": run.refused},
        )  # fmt: skip
    return Outcome(run, already=False)


def rebuild_tallies() -> int:
    """Counts the historical cases per year and value of each dimension (one GROUP BY each)."""
    now = timezone.now()
    HistoricalTally.objects.all().delete()
    tallies = [
        HistoricalTally(year=row["year"], dimension="total", value="", count=row["n"], computed_at=now)
        for row in HistoricalCase.objects.values("year").annotate(n=Count("id")).order_by()
    ]
    for dimension in TALLIED:
        tallies += [
            HistoricalTally(
                year=row["year"], dimension=dimension, value=row[dimension], count=row["n"], computed_at=now
            )
            for row in HistoricalCase.objects.values("year", dimension).annotate(n=Count("id")).order_by()
        ]
    HistoricalTally.objects.bulk_create(tallies, batch_size=1_000)
    return len(tallies)
