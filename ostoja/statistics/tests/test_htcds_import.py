"""HTCDS 2.0 import: a round trip from a small world, the command, refusals, nothing personal kept."""

import csv
import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.identification.models import ExploitationProfile
from ostoja.statistics import figures, htcds, imports
from ostoja.statistics.forms import Kind, Period
from ostoja.statistics.models import HistoricalCase, HistoricalTally, ImportRun

pytestmark = pytest.mark.django_db

COMPARED = ("sex", "majority", "nationality", "citizenship", "forms")


def _everything() -> Period:
    return Period(Kind.ALL, None, timezone.localdate())


@pytest.fixture
def small_world(case_factory, person_factory, cast, monkeypatch):
    """Five cases of known people, all of whom agreed to the exchange."""
    today = timezone.localdate()
    child = today.replace(year=today.year - 12, day=1)
    people = [
        ("feminine", ["UA", "PL"], dt.date(1990, 5, 1), False, ["isForcedLabour"]),
        ("feminine", ["UA"], dt.date(1985, 1, 9), False, ["isSexualExploit", "forced_begging"]),
        ("masculine", ["PH"], dt.date(1979, 3, 3), False, ["isForcedLabour"]),
        ("masculine", ["PL"], child, True, ["isForcedLabour"]),  # a child: ChildLabour in HTCDS
        ("unknown", [], dt.date(2001, 7, 30), False, []),
    ]
    cases = []
    for gender, citizenships, born, minor, forms in people:
        case = case_factory(
            person=person_factory(
                gender=gender, citizenships=citizenships, date_of_birth=born, is_minor=minor
            )
        )
        if forms:
            ExploitationProfile.objects.create(
                case=case, forms=forms, minor_at_time=minor, updated_by=cast[Role.CASE_MANAGER]
            )
        cases.append(case)
    monkeypatch.setattr(plugins, "consent_to_share", lambda: lambda person_ids, purpose: set(person_ids))
    return cases


def _counts(period: Period) -> dict[str, dict[str, int]]:
    return {
        t.key: {code: n for code, _l, n in t.rows}
        for t in figures.compute(period).tables
        if t.key in COMPARED
    }


def test_an_htcds_export_imported_again_counts_the_same(small_world, tmp_path):
    before = _counts(_everything())
    assert before["sex"]["feminine"] == 2 and before["majority"]["minor"] == 1
    path = tmp_path / "exchange.csv"
    htcds.write(htcds.collect(), path)
    outcome = imports.import_htcds(path)
    assert (outcome.run.imported, outcome.run.refused) == (5, 0)
    after = _counts(_everything())
    # Every count is now twice what it was: the centre's own cases and the same cases imported.
    for key in COMPARED:
        assert after[key] == {code: 2 * n for code, n in before[key].items()}, key
    beneficiaries = {t.key: t for t in figures.compute(_everything()).tables}["beneficiaries"]
    assert {code: n for code, _l, n in beneficiaries.rows} == {"own": 5, "historical": 5}


def test_nothing_personal_is_kept(small_world, tmp_path):
    path = tmp_path / "exchange.csv"
    htcds.write(htcds.collect(), path)
    imports.import_htcds(path)
    kept = list(HistoricalCase.objects.values("values", "age_band", "majority"))
    assert len(kept) == 5
    text = repr(kept)
    for personal in (
        "Olena",
        "Kovalenko",
        "1990-05-01",
        "prs_FirstName",
        "prs_Birthdate",
        "prs_PrimaryLanguage",
    ):
        assert personal not in text
    assert {row["age_band"] for row in kept} >= {"9-17", "30-38", "39-47"}


def _write(tmp_path, rows: list[dict], name="records.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=htcds.FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**dict.fromkeys(htcds.FIELDS, ""), **row})
    return path


GOOD = {"prs_FirstName": "Maria", "prs_SecondName": "Ivanova", "prs_Birthdate": "1992-04-17", "prs_Gender": "Feminine",
        "prs_Citizenship": "UA", "vic_TypeOfExploitation": "ForcedLabour"}  # fmt: skip


def test_the_command_imports_with_a_year_and_the_same_file_again_adds_nothing(tmp_path, capsys):
    path = _write(tmp_path, [GOOD, {**GOOD, "prs_Gender": "Masculine"}])
    call_command("import_htcds", str(path), "--year", "2024")
    assert "Imported 2 rows of 2; refused 0." in capsys.readouterr().out
    assert set(HistoricalCase.objects.values_list("year", "majority", "age_band")) == {
        (2024, "adult", "30-38")
    }
    totals = HistoricalTally.objects.filter(dimension="total").aggregate(n=Sum("count"))
    assert totals["n"] == 2
    call_command("import_htcds", str(path), "--year", "2024")
    assert "nothing added" in capsys.readouterr().out
    assert HistoricalCase.objects.count() == 2 and ImportRun.objects.count() == 1
    event = AuditEvent.objects.filter(object_type="statistics_import").get()
    assert (
        event.details["rows"] == 2
        and event.details["source"] == "htcds"
        and event.details["file"] == "records.csv"
    )


def test_wrong_values_are_refused_row_by_row_without_repeating_personal_data(tmp_path):
    path = _write(tmp_path, [
        GOOD, {**GOOD, "prs_Gender": "Robot"}, {**GOOD, "prs_Birthdate": "17.04.1992"},
        {**GOOD, "vic_TypeOfExploitation": "ForcedLabour;Slavery"}, {**GOOD, "prs_Citizenship": "UA;Ukraine"},
        {**GOOD, "prs_Birthdate": "1792-04-17"},
    ])  # fmt: skip
    run = imports.import_htcds(path).run
    assert (run.imported, run.refused) == (1, 5)
    assert [(r["row"], r["column"]) for r in run.refusals] == [
        (2, "prs_Gender"), (3, "prs_Birthdate"), (4, "vic_TypeOfExploitation"), (5, "prs_Citizenship"),
        (6, "prs_Birthdate"),
    ]  # fmt: skip
    reasons = " ".join(r["reason"] for r in run.refusals)
    assert "Robot" in reasons and "Slavery" in reasons
    assert "17.04.1992" not in reasons and "1792" not in reasons and "Maria" not in reasons


def test_a_wrong_header_fails_the_command_and_imports_nothing(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("prs_FirstName,prs_Gender\nMaria,Feminine\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"HTCDS 2\.0.*prs_SecondName"):
        call_command("import_htcds", str(path))
    assert not ImportRun.objects.exists() and not HistoricalCase.objects.exists()


def test_the_fields_may_come_in_another_order(tmp_path):
    fields = list(reversed(htcds.FIELDS))
    path = tmp_path / "reversed.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerow({**dict.fromkeys(fields, ""), **GOOD})
    run = imports.import_htcds(path).run
    case = HistoricalCase.objects.get(run=run)
    assert (case.gender, case.citizenship, case.forms) == ("feminine", "UA", "isForcedLabour")
