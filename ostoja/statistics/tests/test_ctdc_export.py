"""The CTDC export: 63 columns, generalised, k = 11 recounted on its own output."""

import csv
import datetime as dt

import pytest
from django.core.management import call_command

from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.identification.models import ExploitationProfile
from ostoja.statistics import ctdc_export
from ostoja.statistics.ctdc import COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(case_factory, person_factory, cast):
    """15 Ukrainian women of 2025 in forced labour, 9 women of 2025 of rare citizenships, 3 men of 2024."""
    made = []
    for i in range(27):
        citizenship = "UA" if i < 15 else ["GE", "VN", "NP"][i % 3] if i < 24 else "PL"
        person = person_factory(
            gender="feminine" if i < 24 else "masculine", citizenships=[citizenship],
            estimated_age=25 if i < 15 else None,
        )  # fmt: skip
        case = case_factory(person=person, opened_on=dt.date(2025 if i < 24 else 2024, 3, 1))
        ExploitationProfile.objects.create(
            case=case, forms=["isForcedLabour", "forced_begging"] if i < 15 else ["isSexualExploit"],
            means_of_control=["meansOfControlThreats"], updated_by=cast[Role.CASE_MANAGER],
        )  # fmt: skip
        made.append(case)
    return made


def read(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_combination_occurs_at_least_k_times_in_the_file(tmp_path, cases):
    path = tmp_path / "ctdc.csv"
    report = ctdc_export.export(path)
    rows = read(path)
    assert list(rows[0].keys()) == list(COLUMNS) and len(COLUMNS) == 63
    # Recount k on the output, independently of the export's own check.
    groups = {}
    for row in rows:
        key = tuple(row[c] for c in ctdc_export.QUASI_IDENTIFIERS)
        groups[key] = groups.get(key, 0) + 1
    assert min(groups.values()) >= 11 and report.smallest_group == min(groups.values())
    # The 9 rare citizenships were blanked; they and the 3 men could not reach 11 together with others.
    assert report.blanked["citizenship"] >= 9
    assert report.written + report.left_out == 27
    ua = [r for r in rows if r["citizenship"] == "UA"]
    assert len(ua) == 15
    assert {r["isForcedLabour"] for r in ua} == {"1"} and {r["typeOfLabourBegging"] for r in ua} == {"1"}
    assert {r["yearOfRegistration"] for r in ua} == {"2025"} and {r["gender"] for r in ua} == {"Female"}
    assert {r["ageBroad"] for r in ua} == {"24--26"}  # the band kept in clear, written as CTDC writes it
    assert {r["meansOfControlThreats"] for r in rows} == {"1"}


def test_nothing_but_codes_reaches_the_file(tmp_path, cases):
    path = tmp_path / "ctdc.csv"
    ctdc_export.export(path)
    text = path.read_text()
    assert cases[0].number not in text and "Kovalenko" not in text and "2025-03-01" not in text


def test_the_command_reports_and_is_audited(tmp_path, cases, capsys):
    call_command("export_ctdc", str(tmp_path / "out.csv"))
    out = capsys.readouterr().out
    assert "k = " in out and "blanked citizenship" in out
    event = AuditEvent.objects.filter(action="export").get()
    assert event.details["format"] == "ctdc"


def test_a_group_under_k_is_blanked_then_left_out():
    base = dict.fromkeys(COLUMNS, "")
    rows = [
        {**base, "yearOfRegistration": "2025", "gender": "Female", "citizenship": "UA"} for _ in range(12)
    ]
    rows.append({**base, "yearOfRegistration": "2025", "gender": "Female", "citizenship": "GE"})
    rows += [{**base, "yearOfRegistration": "2019", "gender": "Male"} for _ in range(2)]
    kept, blanked, left_out = ctdc_export.anonymise(rows)
    assert len(kept) == 12 and left_out == 3
    assert blanked["citizenship"] == 1 and blanked["yearOfRegistration"] == 3


def test_the_age_band_is_written_as_ctdc_writes_it_and_a_child_band_means_a_minor():
    base = {
        "opened_on": dt.date(2025, 3, 1), "person__gender": "feminine", "person__is_minor": False,
        "person__citizenships": ["UA"], "exploitation_profile__id": None,
    }  # fmt: skip
    assert ctdc_export.row_for({**base, "person__age_band": "9-17"})["ageBroad"] == "9--17"
    assert ctdc_export.row_for({**base, "person__age_band": "9-17"})["majorityStatus"] == "Minor"
    assert ctdc_export.row_for({**base, "person__age_band": "48+"})["ageBroad"] == "48+"
    unknown = ctdc_export.row_for({**base, "person__age_band": ""})
    assert (unknown["ageBroad"], unknown["majorityStatus"]) == ("", "Adult")
