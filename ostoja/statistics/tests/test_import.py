"""Importing CTDC files: a slice with known counts, idempotence, resuming, refusals."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from ostoja.statistics import imports
from ostoja.statistics.ctdc import COLUMNS
from ostoja.statistics.models import HistoricalCase, HistoricalTally, ImportRun, ImportStatus

pytestmark = pytest.mark.django_db

SLICE = Path(__file__).parent / "data" / "ctdc_slice.csv"


def tally(dimension: str) -> dict[str, int]:
    rows = HistoricalTally.objects.filter(dimension=dimension).values("value").annotate(n=Sum("count"))
    return {row["value"]: row["n"] for row in rows}


def test_the_slice_imports_with_its_reference_counts(capsys):
    call_command("import_ctdc", str(SLICE))
    assert "Imported 1,008 rows of 1,008; refused 0." in capsys.readouterr().out
    assert HistoricalCase.objects.count() == 1008
    assert tally("gender") == {"feminine": 705, "masculine": 218, "": 84, "non_conforming": 1}
    assert tally("majority") == {"adult": 532, "minor": 201, "": 275}
    assert tally("datasource") == {"hotline": 541, "case_management": 467}
    years = {row["year"]: row["count"] for row in HistoricalTally.objects.filter(dimension="total").values()}
    assert years[2019] == 219 and years[None] == 21 and years[2004] == 3 and sum(years.values()) == 1008
    forms = tally("forms")
    assert sum(n for combo, n in forms.items() if "isForcedLabour" in combo.split("+")) == 204
    assert sum(n for combo, n in forms.items() if "isSexualExploit" in combo.split("+")) == 478
    citizenship = tally("citizenship")
    assert (citizenship["PH"], citizenship["UA"], citizenship[""]) == (117, 100, 456)


def test_the_same_file_again_adds_nothing(capsys, tmp_path):
    call_command("import_ctdc", str(SLICE))
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(SLICE.read_bytes())
    call_command("import_ctdc", str(copy))
    assert "nothing added" in capsys.readouterr().out
    assert HistoricalCase.objects.count() == 1008
    assert ImportRun.objects.count() == 1


def test_an_interrupted_import_resumes_where_it_stopped(monkeypatch):
    real = HistoricalCase.objects.bulk_create
    calls = []

    def failing(objs, **kwargs):
        calls.append(len(objs))
        if len(calls) == 3:
            raise RuntimeError("the machine went down")
        return real(objs, **kwargs)

    monkeypatch.setattr(HistoricalCase.objects, "bulk_create", failing)
    with pytest.raises(RuntimeError):
        imports.import_ctdc(SLICE, batch=300)
    run = ImportRun.objects.get()
    # Two whole batches are in, nothing of the third.
    assert run.status == ImportStatus.RUNNING and run.next_row == 601
    assert HistoricalCase.objects.count() == 600
    monkeypatch.setattr(HistoricalCase.objects, "bulk_create", real)
    outcome = imports.import_ctdc(SLICE, batch=300)
    assert not outcome.already and outcome.run.status == ImportStatus.COMPLETE
    assert HistoricalCase.objects.count() == 1008
    assert sorted(HistoricalCase.objects.values_list("row", flat=True)) == list(range(1, 1009))


def _file(tmp_path, lines: list[str], encoding="utf-8") -> Path:
    path = tmp_path / "import.csv"
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def _row(**values) -> str:
    row = dict.fromkeys(COLUMNS, "")
    row.update(yearOfRegistration="2019", Datasource="Hotline", gender="Female", citizenship="UA")
    row.update(values)
    return ",".join(row[c] for c in COLUMNS)


def test_wrong_values_are_refused_row_by_row_with_the_reason(tmp_path):
    path = _file(tmp_path, [
        ",".join(COLUMNS), _row(), _row(gender="Robot"), _row(isForcedLabour="yes"), _row(citizenship="Ukraine"),
        _row(yearOfRegistration="3019"), _row(),
    ])  # fmt: skip
    run = imports.import_ctdc(path).run
    assert (run.imported, run.refused) == (2, 4)
    refused = {(r["row"], r["column"]) for r in run.refusals}
    assert refused == {(2, "gender"), (3, "isForcedLabour"), (4, "citizenship"), (5, "yearOfRegistration")}
    assert "Robot" in run.refusals[0]["reason"]


def test_a_truncated_last_line_is_refused_and_the_rest_kept(tmp_path):
    path = _file(tmp_path, [",".join(COLUMNS), _row(), _row()[:40]])
    run = imports.import_ctdc(path).run
    assert (run.imported, run.refused) == (1, 1)
    assert run.refusals[0]["row"] == 2 and "urwany" in run.refusals[0]["reason"]  # the staff language: Polish


def test_a_wrong_header_imports_nothing(tmp_path):
    path = _file(tmp_path, [",".join(COLUMNS[:-1]) + ",recruiterRelationX", _row()])
    with pytest.raises(
        CommandError, match=r"Nagłówek nie zawiera 63 kolumn CTDC.*brak: recruiterRelationUnknown"
    ):
        call_command("import_ctdc", str(path))
    assert not ImportRun.objects.exists() and not HistoricalCase.objects.exists()


def test_another_encoding_imports_nothing(tmp_path):
    path = _file(
        tmp_path, [",".join(COLUMNS), _row(), _row(meansOfControlConcatenated="Groźby")], encoding="cp1250"
    )
    with pytest.raises(CommandError, match="nie jest w kodowaniu UTF-8 \\(wiersz 3\\)"):
        call_command("import_ctdc", str(path))
    assert not HistoricalCase.objects.exists()


def test_a_missing_file_fails():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_ctdc", "/nonexistent/ctdc.csv")
