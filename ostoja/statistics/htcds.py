"""Export to HTCDS 2.0 (JSON and CSV) for partners that use it, for the persons who agreed.

Field names and values are those of the HTCDS 2.0 field standards (``prs_``, ``vic_``, ``cas_``).
Each person's record goes out only if the app that keeps consent records says the person agreed to
their case record being exchanged with partners (``ostoja.plugins.consent_to_share``: the consent
app's records of scope "exchange", in force); with no such app installed nobody has agreed and
nothing is exported. Persons who did not agree are counted in the
report, never named. Every export is audited with the ids of the cases and persons exported.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ostoja import plugins
from ostoja.cases.models import Case
from ostoja.identification import htcds as mapping
from ostoja.identification.models import ExploitationProfile, IdentificationStatusChange
from ostoja.people.models import Person

PURPOSE = "partner_exchange"  # the consent app's EXCHANGE_PURPOSE: a consent to this exchange
FIELDS = (
    "prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "prs_Citizenship", "prs_PrimaryLanguage",
    "vic_TraffickingStatus", "vic_TraffickingStatusDecisionMakingOrg", "vic_RelationshipToTrafficker",
    "vic_MethodsOfControl", "vic_TypeOfExploitation", "vic_TypeOfSexExploitation", "vic_ForcedLabourIndustry",
    "cas_Status",
)  # fmt: skip
GENDER = {
    "feminine": "Feminine", "masculine": "Masculine", "transgender_feminine": "TransgenderFeminine",
    "transgender_masculine": "TransgenderMasculine", "non_conforming": "NonConforming",
    "unknown": "NonSpecifiedUnknown",
}  # fmt: skip
INDUSTRY = {
    "A": "A_AgricultureForestryAndFishing", "B": "B_MiningAndQuarrying", "C": "C_Manufacturing",
    "D": "D_ElectricityGasSteamAndAirConditioningSupply", "E": "E_WaterSupplySewerageWasteManagement",
    "F": "F_Construction", "G": "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
    "H": "H_TransportationAndStorage", "I": "I_AccommodationAndFoodServiceActivities",
    "J": "J_InformationAndCommunication", "K": "K_FinancialAndInsuranceActivities",
    "L": "L_RealEstateActivities", "M": "M_ProfessionalScientificAndTechnicalActivities",
    "N": "N_AdministrativeAndSupportServiceActivities", "O": "O_PublicAdministrationAndDefence",
    "P": "P_Education", "Q": "Q_HumanHealthAndSocialWorkActivities", "R": "R_ArtsEntertainmentAndRecreation",
    "S": "S_OtherServiceActivities", "T": "T_ActivitiesOfHouseholdsAsEmployers",
    "U": "U_ActivitiesOfExtraterritorialOrganizations",
}  # fmt: skip
CASE_STATUS = {
    "open": "Active",
    "follow_up": "FollowUp",
    "closed": "Closed",
    "closed_referred": "ClosedReferred",
}


@dataclass
class Report:
    records: list[dict] = field(default_factory=list)
    without_consent: int = 0
    case_ids: list[int] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)


def _multi(values: Iterable[str]) -> str:
    return ";".join(dict.fromkeys(v for v in values if v))


def record_for(case: Case, person: Person, profile: ExploitationProfile | None, status) -> dict:
    record = dict.fromkeys(FIELDS, "")
    record.update(
        prs_FirstName=person.given_name_latin or person.given_name,
        prs_SecondName=person.family_name_latin or person.family_name,
        prs_Birthdate=person.date_of_birth.isoformat() if person.date_of_birth else "",
        prs_Gender=GENDER.get(person.gender, ""),
        prs_Citizenship=_multi(person.citizenships or []),
        prs_PrimaryLanguage=person.preferred_language,
        cas_Status=CASE_STATUS.get(case.status, ""),
    )
    if status is not None:
        # The centre's values as HTCDS names: one mapping, in identification/htcds.py and the status itself.
        record["vic_TraffickingStatus"] = str(status.htcds_status())
        record["vic_TraffickingStatusDecisionMakingOrg"] = str(status.htcds_organisation())
    if profile is not None:
        relations = mapping.relations_htcds(profile.recruiter_relations or [])
        record["vic_RelationshipToTrafficker"] = relations[0] if relations else ""
        record["vic_MethodsOfControl"] = _multi(mapping.means_htcds(profile.means_of_control or []))
        record["vic_TypeOfExploitation"] = _multi(
            mapping.exploitation_htcds(profile.forms or [], minor=bool(profile.minor_at_time))
        )
        record["vic_TypeOfSexExploitation"] = _multi(
            s.removeprefix("typeOfSex") for s in profile.sex_types or []
        )
        record["vic_ForcedLabourIndustry"] = INDUSTRY.get(profile.sector, "")
    return record


def collect(case_ids: Iterable[int] | None = None) -> Report:
    """The HTCDS records of the cases (all when ``case_ids`` is None) whose person agreed."""
    report = Report()
    cases = Case.objects.select_related("person").order_by("pk")
    if case_ids is not None:
        cases = cases.filter(pk__in=list(case_ids))
    candidates = list(cases.values_list("pk", "person_id"))
    rule = plugins.consent_to_share()
    agreed = rule(sorted({p for _c, p in candidates}), PURPOSE) if rule else set()
    chosen = [case_id for case_id, person_id in candidates if person_id in agreed]
    report.without_consent = len(candidates) - len(chosen)
    profiles = {p.case_id: p for p in ExploitationProfile.objects.filter(case_id__in=chosen)}
    statuses = {}
    for change in (
        IdentificationStatusChange.objects.effective().filter(case_id__in=chosen)
        .only("case_id", "status", "authority", "effective_at").order_by("case_id", "effective_at", "pk")
    ):  # fmt: skip
        statuses[change.case_id] = change  # the latest effective one stays
    for case in cases.filter(pk__in=chosen):
        report.records.append(record_for(case, case.person, profiles.get(case.pk), statuses.get(case.pk)))
        report.case_ids.append(case.pk)
        report.person_ids.append(case.person_id)
    return report


def write(report: Report, path: Path) -> None:
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(report.records, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(report.records)
