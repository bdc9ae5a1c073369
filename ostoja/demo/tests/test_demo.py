"""The demo data: complete, the same on every load, loaded once, and searchable across scripts."""

from io import StringIO

import pytest
from django.core.management import call_command

from ostoja.cases.codes import CaseKind, ClosureReason, Phase, Status
from ostoja.cases.models import Case, Note
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel, Person, SafeContactProtocol
from ostoja.people.search import find_persons
from ostoja.vault.normalise import phone_e164

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo():
    return load()


def counts() -> tuple[int, int, int]:
    return Person.objects.count(), Case.objects.count(), Note.objects.count()


def test_loads_everything_once(demo):
    persons, cases, notes = counts()
    assert persons >= 44
    assert cases >= 50
    assert f"Demo persons: {persons}, cases: {cases}, notes: {notes}." in demo

    again = load()
    assert counts() == (persons, cases, notes)
    assert f"Demo persons: {persons}, cases: {cases}, notes: {notes}." in again
    assert "nothing added" in again


def test_covers_every_phase_status_and_kind(demo):
    assert set(Case.objects.values_list("phase", flat=True)) == set(Phase.values)
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Case.objects.values_list("kind", flat=True)) == set(CaseKind.values)
    assert set(Case.objects.exclude(closure_reason="").values_list("closure_reason", flat=True)) == set(
        ClosureReason.values
    )
    assert set(Case.objects.values_list("case_manager__username", flat=True)) == {"opiekun", "opiekunka"}
    assert Case.objects.filter(members__user__username="specjalistka").exists()


def test_cases_are_consistent(demo):
    for case in Case.objects.all():
        assert case.number.startswith(f"{case.opened_on.year}/")
        assert 2 <= case.notes.count() <= 4
        assert set(case.notes.values_list("author_id", flat=True)) == {case.case_manager_id}
        if case.is_closed:
            assert case.closure_reason and case.closed_on and case.closed_on >= case.opened_on
            assert case.closure_note
        else:
            assert not case.closure_reason and case.closed_on is None


def test_minors_and_people_with_several_cases(demo):
    minors = Person.objects.filter(is_minor=True)
    assert minors.count() >= 3
    for person in minors:
        assert all("minor" in case.risk_flags for case in person.cases.all())
    assert sum(1 for person in Person.objects.all() if person.cases.count() > 1) >= 3


def test_contact_details(demo):
    for channel in ContactChannel.objects.filter(kind__in=[ChannelKind.PHONE, ChannelKind.MESSENGER]):
        assert phone_e164(channel.value) == channel.value
    assert ContactChannel.objects.filter(safety=Safety.UNSAFE).exists()
    assert ContactChannel.objects.filter(kind=ChannelKind.EMAIL).exists()
    protocols = SafeContactProtocol.objects.all()
    assert protocols.count() == Person.objects.count()
    for protocol in protocols:
        assert protocol.if_someone_else_answers
        assert protocol.channel is None or protocol.channel.person_id == protocol.person_id


def test_search_finds_a_person_in_any_script(demo):
    olena = [
        p
        for p in Person.objects.all()
        if p.given_name_latin == "Olena" and p.family_name_latin == "Kovalenko"
    ]
    assert len(olena) == 1
    for query in ("Коваленко Олена", "Ołena Kowalenko", "Olena Kovalenko"):
        assert olena[0] in find_persons(query), query

    yuliia = [p for p in Person.objects.all() if p.given_name == "Юлія" and p.family_name == "Шевченко"]
    assert len(yuliia) == 1
    for query in ("Yuliia Shevchenko", "Julija Szewczenko", "Шевченко"):
        assert yuliia[0] in find_persons(query), query


def test_the_funders_report_of_last_year_is_ready(demo):
    from ostoja.statistics.models import FunderReport, ReportStatus

    report = FunderReport.objects.get()
    assert report.status == ReportStatus.DONE and bytes(report.xlsx)[:2] == b"PK"
    assert "nothing added" in load().split("Demo funder's report")[1]


def test_the_retention_review_list_has_records_due(demo):
    from ostoja.retention.models import RetentionItem

    due = RetentionItem.objects.filter(status="pending")
    assert {"anonymous_contact", "unlinked_web_report"} <= set(due.values_list("kind", flat=True))
    assert "records due on the list" in demo
