"""HTCDS 2.0 records read back as de-identified historical cases (the fields ``htcds.py`` exports).

Each record is checked field by field; what is kept is only what the statistics count, in our
codes: the sex, the first citizenship, the forms of exploitation, the age group and whether the
person was a minor (worked out from the date of birth, which is then dropped), and the record's
coded fields. The name, the date of birth and the language are never stored. A refusal names the
field and the reason; it never repeats the name or the date of birth.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ostoja.identification import htcds as mapping
from ostoja.identification.profile_codes import ExploitationForm
from ostoja.people.countries import COUNTRY_CODES
from ostoja.statistics.ctdc import Refusal
from ostoja.statistics.htcds import CASE_STATUS, FIELDS, GENDER, INDUSTRY

INDEX = {name: i for i, name in enumerate(FIELDS)}
# Read to count, never kept (nor repeated in a refusal).
PERSONAL = frozenset({"prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_PrimaryLanguage"})
FROM_HTCDS_GENDER = {value: code for code, value in GENDER.items() if code != "unknown"} | {
    "NonSpecifiedUnknown": ""
}
# Each HTCDS type of exploitation as the centre's form; ChildLabour says the person was a minor (the
# export adds it beside ForcedLabour or ForcedBegging). A combined sexual and labour exploitation comes
# back as both forms: HTCDS does not tell them apart.
FROM_HTCDS_TYPE = {
    "ForcedLabour": ExploitationForm.FORCED_LABOUR,
    "SexualExploitation": ExploitationForm.SEXUAL,
    "ForcedMarriage": ExploitationForm.FORCED_MARRIAGE,
    "Servitude": ExploitationForm.SLAVERY,
    "ForcedMilitaryByNonStateActors": ExploitationForm.FORCED_MILITARY,
    "OrganRemoval": ExploitationForm.ORGAN_REMOVAL,
    "ForcedBegging": ExploitationForm.FORCED_BEGGING,
    "ForcedAdoption": ExploitationForm.ILLEGAL_ADOPTION,
    "Surrogacy": ExploitationForm.SURROGACY,
    "Other": ExploitationForm.OTHER,
    "ChildLabour": "",
}
SEX_TYPES = frozenset({"Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices"})
STATUSES = frozenset({"PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"})
ORGANISATIONS = frozenset(
    {"Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization", "Other"}
)
# Picklists: one value, or several joined by ";".
SINGLE = {
    "prs_Gender": frozenset(GENDER.values()),
    "vic_TraffickingStatus": STATUSES,
    "vic_TraffickingStatusDecisionMakingOrg": ORGANISATIONS,
    "vic_RelationshipToTrafficker": frozenset(mapping.HTCDS_RELATIONSHIPS),
    "vic_ForcedLabourIndustry": frozenset(INDUSTRY.values()),
    "cas_Status": frozenset(CASE_STATUS.values()),
}
MULTIPLE = {
    "vic_MethodsOfControl": frozenset(mapping.HTCDS_METHODS_OF_CONTROL),
    "vic_TypeOfExploitation": frozenset(mapping.HTCDS_TYPES_OF_EXPLOITATION),
    "vic_TypeOfSexExploitation": SEX_TYPES,
}
# CTDC's age groups, by the first age of each.
AGE_BANDS = ((48, "48+"), (39, "39-47"), (30, "30-38"), (27, "27-29"), (24, "24-26"), (21, "21-23"),
             (18, "18-20"), (9, "9-17"), (0, "0-8"))  # fmt: skip
OLDEST = 120


def header_problem(header: list[str]) -> str:
    """What is wrong with the header (empty when it names exactly the HTCDS fields, in any order)."""
    names = [h.strip() for h in header]
    missing = [f for f in FIELDS if f not in names]
    extra = [h for h in names if h not in FIELDS]
    doubled = sorted({h[:40] for h in names if names.count(h) > 1 and h in FIELDS})
    parts = []
    if missing:
        parts.append(_("missing: %(c)s") % {"c": ", ".join(missing[:5])})
    if extra:
        # Counted, never repeated: in a file without its header they are a person's name and birth date.
        parts.append(_("columns not known: %(n)s") % {"n": len(extra)})
    if doubled:
        parts.append(_("repeated: %(c)s") % {"c": ", ".join(doubled[:5])})
    return "; ".join(parts)


def in_order(header: list[str], row: list[str]) -> list[str]:
    """The row's values in the order of ``FIELDS`` (a row of another length is left as it is)."""
    if len(row) != len(header):
        return row
    by_name = dict(zip((h.strip() for h in header), row, strict=True))
    return [by_name[name] for name in FIELDS]


def _not_allowed(column: str, value: str) -> Refusal:
    return Refusal(column, _("“%(value)s” is not one of HTCDS 2.0's values") % {"value": value[:40]})


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def parse(row: list[str], reference: dt.date, year: int | None = None) -> dict:
    """The record as a historical case, or ``Refusal`` naming the first field at fault.

    ``reference``: the day the age is counted on (the end of ``year``, or the day of the import).
    """
    if len(row) != len(FIELDS):
        raise Refusal(
            "",
            _("the row has %(n)s fields, not %(expected)s (cut short?)")
            % {"n": len(row), "expected": len(FIELDS)},
        )
    value = {name: row[i].strip() for name, i in INDEX.items()}
    for column, allowed in SINGLE.items():
        if value[column] and value[column] not in allowed:
            raise _not_allowed(column, value[column])
    for column, allowed in MULTIPLE.items():
        for part in value[column].split(";") if value[column] else ():
            if part.strip() not in allowed:
                raise _not_allowed(column, part.strip())
    citizenships = [c.strip() for c in value["prs_Citizenship"].split(";") if c.strip()]
    for code in citizenships:
        if code not in COUNTRY_CODES:
            raise Refusal(
                "prs_Citizenship", _("“%(value)s” is not a country code (ISO 3166)") % {"value": code[:20]}
            )
    age_band, majority = "", ""
    if value["prs_Birthdate"]:
        try:
            born = dt.date.fromisoformat(value["prs_Birthdate"])
        except ValueError:
            born = None
        # The date itself is never repeated: it would identify the person.
        if born is None or len(value["prs_Birthdate"]) != 10:
            raise Refusal("prs_Birthdate", _("the date of birth is not a date written as YYYY-MM-DD"))
        age = _age(born, reference)
        if not 0 <= age <= OLDEST:
            # Nor the age it gives.
            raise Refusal(
                "prs_Birthdate", _("the date of birth gives an impossible age (below 0 or over 120)")
            )
        age_band = next(band for first, band in AGE_BANDS if age >= first)
        majority = "minor" if age < 18 else "adult"
    types = [t.strip() for t in value["vic_TypeOfExploitation"].split(";") if t.strip()]
    if not majority and "ChildLabour" in types:
        majority = "minor"
    forms = sorted({FROM_HTCDS_TYPE[t] for t in types} - {""})
    return {
        "year": year,
        "datasource": "case_management",
        "gender": FROM_HTCDS_GENDER.get(value["prs_Gender"], ""),
        "age_band": age_band,
        "majority": majority,
        "citizenship": citizenships[0] if citizenships else "",
        "country_of_exploitation": "",
        "forms": "+".join(forms),
        "values": {name: v for name, v in value.items() if name not in PERSONAL and v},
    }
