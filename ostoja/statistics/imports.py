"""Importing a CTDC file as de-identified historical cases.

The file is known by the SHA-256 of its bytes. Rows are checked one by one (``ctdc.parse``) and
stored in batches, each batch in one transaction together with the run's position, so an import
either completes a batch or leaves nothing of it, an interrupted import resumes where it stopped,
and the same file imported again adds nothing. A file with a wrong header or not in UTF-8 is
refused before anything is stored.
"""

from __future__ import annotations

import csv
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

from ostoja.statistics import ctdc
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


def _rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            _("The file is not in UTF-8 (line %(line)s). Save it as CSV UTF-8 and import it again.")
            % {"line": line}
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportRefused(_("The file is empty.")) from None
    except csv.Error as error:
        raise ImportRefused(_("The file is not a CSV file: %(error)s") % {"error": error}) from error
    if tuple(h.strip() for h in header) != ctdc.COLUMNS:
        missing = [c for c in ctdc.COLUMNS if c not in header]
        extra = [h for h in header if h not in ctdc.COLUMNS]
        detail = "; ".join(
            part for part in (
                _("missing: %(c)s") % {"c": ", ".join(missing[:5])} if missing else "",
                _("unknown: %(c)s") % {"c": ", ".join(h[:40] for h in extra[:5])} if extra else "",
            ) if part
        ) or _("the columns are in another order")  # fmt: skip
        raise ImportRefused(
            _("The header is not CTDC's 63 columns (%(detail)s). Nothing was imported.") % {"detail": detail}
        )
    try:
        return header, list(reader)
    except csv.Error as error:
        raise ImportRefused(
            _("The file cannot be read as CSV at line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error


def import_ctdc(
    path: Path, *, user=None, batch: int = BATCH, progress: Callable[[ImportRun], None] | None = None
) -> Outcome:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    run = ImportRun.objects.filter(source="ctdc", file_sha256=digest).first()
    if run is not None and run.status == ImportStatus.COMPLETE:
        return Outcome(run, already=True)
    _header, rows = _rows(data)
    if run is None:
        run = ImportRun.objects.create(
            source="ctdc",
            file_sha256=digest,
            file_name=path.name[:300],
            rows_total=len(rows),
            started_by=user,
        )
    run.status, run.error = ImportStatus.RUNNING, ""
    run.save(update_fields=["status", "error"])
    this_year = timezone.localdate().year
    counts = Counter(run.refusal_counts)
    while run.next_row <= len(rows):
        first, last = run.next_row, min(run.next_row + batch - 1, len(rows))
        cases, refusals = [], []
        for number in range(first, last + 1):
            try:
                cases.append(HistoricalCase(run=run, row=number, **ctdc.parse(rows[number - 1], this_year)))
            except ctdc.Refusal as refusal:
                refusals.append({"row": number, "column": refusal.column, "reason": refusal.reason})
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
