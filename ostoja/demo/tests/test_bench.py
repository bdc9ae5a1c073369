"""The benchmark harness runs end to end on a small register (no timing is asserted)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ostoja.audit import chain
from ostoja.cases import caseload
from ostoja.cases.models import Case

pytestmark = pytest.mark.django_db

CASES = 60


def test_fill_refuses_without_the_confirmation():
    with pytest.raises(CommandError, match="invented persons"):
        call_command("bench", "fill", "--cases", "5", stdout=StringIO())


def test_fill_and_measure(tmp_path):
    call_command("bench", "fill", "--cases", str(CASES), "--i-know-this-is-not-production", stdout=StringIO())
    assert Case.objects.count() == CASES
    assert sum(caseload.counts().values()) == CASES
    assert chain.verify().intact and chain.verify().checked >= CASES
    # Names in other scripts are findable from their Latin spelling, as real ones are.
    from ostoja.people.models import Person
    from ostoja.people.search import find_persons

    cyrillic = next(
        p for p in Person.objects.all() if p.family_name_latin and p.family_name != p.family_name_latin
    )
    assert cyrillic in find_persons(f"{cyrillic.given_name_latin} {cyrillic.family_name_latin}")

    report_json, report_md = tmp_path / "bench.json", tmp_path / "bench.md"
    call_command(
        "bench", "measure", "--repeat", "1", "--json", str(report_json), "--markdown", str(report_md),
        stdout=StringIO(),
    )  # fmt: skip
    report = json.loads(report_json.read_text())
    assert report["cases"] == CASES
    assert {row["status"] for row in report["pages"]} == {200}
    names = [row["page"] for row in report["pages"]]
    assert names[0].startswith("floor") and "my cases" in names and "case file, long timeline" in names
    assert all(row["sql"] > 0 and row["p50_ms"] > 0 for row in report["pages"])
    assert "| my cases |" in report_md.read_text()


def test_measure_says_when_there_is_nothing_to_measure():
    with pytest.raises(CommandError, match="bench fill"):
        call_command("bench", "measure", "--repeat", "1", stdout=StringIO())


def test_bench_refuses_outside_demo_mode(settings):
    settings.DEMO, settings.TESTING = False, False
    with pytest.raises(CommandError, match="demo mode only"):
        call_command("bench", "measure", stdout=StringIO())
