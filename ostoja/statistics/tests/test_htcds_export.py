"""HTCDS 2.0 export: field names and values of the standard, and only persons who agreed."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from ostoja import plugins
from ostoja.accounts.roles import Role
from ostoja.audit.models import AuditEvent
from ostoja.identification import services as identification
from ostoja.identification.models import ExploitationProfile, IdentificationStatusChange
from ostoja.statistics import htcds

pytestmark = pytest.mark.django_db

# From the HTCDS 2.0 field standards: each exported field's name and its picklist values.
STANDARD = {
    "prs_FirstName": None, "prs_SecondName": None, "prs_Birthdate": None, "prs_PrimaryLanguage": None,
    "prs_Citizenship": None,
    "prs_Gender": {"Feminine", "Masculine", "TransgenderFeminine", "TransgenderMasculine", "NonConforming",
                   "NonSpecifiedUnknown"},
    "vic_TraffickingStatus": {"PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"},
    "vic_TraffickingStatusDecisionMakingOrg": {"Police", "NGO", "CourtOrProsecution",
                                               "NonPoliceGovernmentalOrganization", "Other"},
    "vic_RelationshipToTrafficker": {"Familial", "Acquainted", "Unaquainted"},
    "vic_MethodsOfControl": {"PhysicalThreats", "ThreatsLawEnforcement", "ThreatensChildrenFamily", "DebtBondage",
                             "FalsePromises", "PhysicalAbuse", "SexualAbuse", "TakesEarnings",
                             "RestrictsFinancialAccess", "RestrictsMedicalCare", "WithholdsNecessities",
                             "PsychologicalAbuse", "PsychoactiveSubstance", "ExcessiveWorkingHours",
                             "WithholdsDocuments", "Other"},
    "vic_TypeOfExploitation": {"ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
                               "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption",
                               "Surrogacy", "Other"},
    "vic_TypeOfSexExploitation": {"Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices"},
    "vic_ForcedLabourIndustry": set(htcds.INDUSTRY.values()),
    "cas_Status": {"Active", "FollowUp", "Closed", "ClosedReferred"},
}  # fmt: skip


@pytest.fixture
def two_cases(case_factory, person_factory, cast):
    agreed = case_factory(
        person=person_factory(gender="feminine", citizenships=["UA", "PL"], preferred_language="uk")
    )
    ExploitationProfile.objects.create(
        case=agreed, forms=["isForcedLabour", "forced_begging"], sex_types=["typeOfSexPornography"], sector="C",
        means_of_control=["meansOfControlThreats", "meansOfControlWithholdsDocuments"],
        recruiter_relations=["recruiterRelationFriend"], updated_by=cast[Role.CASE_MANAGER],
    )  # fmt: skip
    for status, more in (
        ("suspected", {}),
        ("identified", {"authority": "police", "reference": "PR 1/25", "decided_on": agreed.opened_on}),
    ):
        identification.status_request(
            change=IdentificationStatusChange(case=agreed, status=status, grounds="g", **more),
            actor=cast[Role.CASE_MANAGER],
        )
    refused = case_factory(
        person=person_factory(given="Anna", family="Nowak", given_latin="", family_latin="")
    )
    return agreed, refused


@pytest.fixture
def consent(monkeypatch, two_cases):
    """The consent records: only the first person agreed (as the referrals app would say)."""
    asked = []

    def rule(person_ids, purpose):
        asked.append((list(person_ids), purpose))
        return {two_cases[0].person_id} & set(person_ids)

    monkeypatch.setattr(plugins, "consent_to_share", lambda: rule)
    return asked


def test_fields_and_values_are_the_standards(two_cases, consent):
    report = htcds.collect()
    assert len(report.records) == 1 and report.without_consent == 1
    record = report.records[0]
    assert set(record) == set(STANDARD)
    for name, allowed in STANDARD.items():
        if allowed is not None and record[name]:
            assert set(record[name].split(";")) <= allowed, (name, record[name])
    assert record["prs_FirstName"] == "Olena" and record["prs_Citizenship"] == "UA;PL"
    assert record["prs_Gender"] == "Feminine"
    assert record["vic_TraffickingStatus"] == "ActualVictimOfTrafficking"
    assert record["vic_TraffickingStatusDecisionMakingOrg"] == "Police"
    assert record["vic_TypeOfExploitation"] == "ForcedLabour;ForcedBegging"
    assert record["vic_MethodsOfControl"] == "PhysicalThreats;WithholdsDocuments"
    assert record["vic_ForcedLabourIndustry"] == "C_Manufacturing" and record["cas_Status"] == "Active"
    assert consent[0][1] == htcds.PURPOSE


def test_without_a_consent_on_record_nobody_is_exported(two_cases, tmp_path, capsys):
    call_command("export_htcds", str(tmp_path / "out.json"), "--purpose", "Exchange with a partner")
    assert json.loads((tmp_path / "out.json").read_text()) == []
    assert "Left out 2 cases" in capsys.readouterr().out


def test_the_command_writes_csv_and_json_and_is_audited(two_cases, consent, tmp_path):
    call_command("export_htcds", str(tmp_path / "out.csv"), "--purpose", "Exchange with a partner")
    with (tmp_path / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1 and "Nowak" not in (tmp_path / "out.csv").read_text()
    call_command("export_htcds", str(tmp_path / "out.json"), "--purpose", "Exchange with a partner")
    assert json.loads((tmp_path / "out.json").read_text())[0]["prs_SecondName"] == "Kovalenko"
    event = AuditEvent.objects.filter(action="export").first()
    assert event.reason == "Exchange with a partner" and event.details["format"] == "htcds"


def test_an_export_without_a_purpose_is_refused(two_cases, tmp_path):
    with pytest.raises(CommandError, match="Say why"):
        call_command("export_htcds", str(tmp_path / "out.csv"), "--purpose", "  ")
    assert not (tmp_path / "out.csv").exists()


def _consent(case, actor, scope, **more):
    from django.utils import timezone

    from ostoja.consent import services as consent_services
    from ostoja.consent.models import Consent

    return consent_services.consent_record(
        consent=Consent(case=case, scope=scope, given_how="written", given_on=timezone.localdate(), **more),
        actor=actor,
    )


def test_the_consent_records_say_who_is_exported(two_cases, cast, tmp_path, capsys):
    """No stand-in rule: the consent app's records of the exchange, in force, choose the persons."""
    from ostoja.consent.codes import EXCHANGE_PURPOSE
    from ostoja.consent.services import consent_withdraw
    from ostoja.partners.models import Organisation

    agreed, other = two_cases
    manager = cast[Role.CASE_MANAGER]
    assert plugins.consent_to_share() is not None and EXCHANGE_PURPOSE == htcds.PURPOSE
    exchange = _consent(agreed, manager, "exchange")
    # Consent to processing, or to one referral's sharing, is not consent to the exchange of the record.
    partner = Organisation.objects.create(name="FairWork", kind="ngo", country="NL")
    _consent(other, manager, "processing")
    _consent(other, manager, "sharing", partner=partner, purpose="labour_rights", items=["name"])

    report = htcds.collect()
    assert report.person_ids == [agreed.person_id] and report.without_consent == 1
    assert plugins.consent_to_share()([agreed.person_id, other.person_id], "labour_rights") == {
        other.person_id
    }

    call_command("export_htcds", str(tmp_path / "out.json"), "--purpose", "Exchange with a partner")
    exported = json.loads((tmp_path / "out.json").read_text())
    assert [r["prs_SecondName"] for r in exported] == ["Kovalenko"]

    consent_withdraw(consent=exchange, actor=manager, note="Said so on the phone")
    assert htcds.collect().records == []


def test_the_consent_rule_asks_one_query(two_cases, cast, django_assert_num_queries):
    agreed, other = two_cases
    _consent(agreed, cast[Role.CASE_MANAGER], "exchange")
    rule = plugins.consent_to_share()
    with django_assert_num_queries(1):
        assert rule([agreed.person_id, other.person_id, 999999], htcds.PURPOSE) == {agreed.person_id}
    with django_assert_num_queries(0):
        assert rule([], htcds.PURPOSE) == set()
