"""CTDC's k-anonymised format: its 63 columns and what each value may be.

The column names and code lists are those of CTDC's "Global K-anonymized Dataset" (codebook v7).
Values are checked here, row by row, before anything is stored; a refused row is named with its
column and the reason, in the user's language.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ostoja.identification.profile_codes import ExploitationForm
from ostoja.people.countries import COUNTRY_CODES

COLUMNS: tuple[str, ...] = (
    "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit",
    "majorityEntry", "citizenship", "meansOfControlDebtBondage", "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats", "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare", "meansOfControlExcessiveWorkingHours", "meansOfControlUsesChildren",
    "meansOfControlThreatOfLawEnforcement", "meansOfControlWithholdsNecessities",
    "meansOfControlWithholdsDocuments", "meansOfControlOther", "meansOfControlNotSpecified",
    "meansOfControlConcatenated", "isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour",
    "isForcedMarriage", "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices",
    "typeOfExploitConcatenated", "typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging",
    "typeOfLabourConstruction", "typeOfLabourDomesticWork", "typeOfLabourHospitality",
    "typeOfLabourIllicitActivities", "typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling",
    "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified",
    "typeOfLabourConcatenated", "typeOfSexProstitution", "typeOfSexPornography",
    "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices", "typeOfSexConcatenated",
    "isAbduction", "RecruiterRelationship", "CountryOfExploitation", "recruiterRelationIntimatePartner",
    "recruiterRelationFriend", "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown",
)  # fmt: skip
INDEX = {name: i for i, name in enumerate(COLUMNS)}

DATASOURCE = {"Hotline": "hotline", "Case Management": "case_management"}
GENDER = {"Female": "feminine", "Male": "masculine", "Transgender/NonConforming": "non_conforming"}
AGE_BANDS = {"0--8": "0-8", "9--17": "9-17", "18--20": "18-20", "21--23": "21-23", "24--26": "24-26",
             "27--29": "27-29", "30--38": "30-38", "39--47": "39-47", "48+": "48+"}  # fmt: skip
MAJORITY = {"Adult": "adult", "Minor": "minor"}
FORM_COLUMNS = (
    ExploitationForm.FORCED_LABOUR, ExploitationForm.SEXUAL, ExploitationForm.OTHER, ExploitationForm.SEX_AND_LABOUR,
    ExploitationForm.FORCED_MARRIAGE, ExploitationForm.FORCED_MILITARY, ExploitationForm.ORGAN_REMOVAL,
    ExploitationForm.SLAVERY,
)  # fmt: skip
# Columns holding 0, 1 or nothing.
FLAGS = frozenset(
    name for name in COLUMNS
    if name.startswith(("meansOfControl", "is", "typeOfLabour", "typeOfSex", "recruiterRelation"))
    and not name.endswith("Concatenated")
)  # fmt: skip
RELATIONS = frozenset(
    {"Intimate Partner", "Friend/Acquaintance", "Family/Relative", "Other", "Not Specified"}
)
CONCATENATED_LENGTH = 300
FIRST_YEAR = 1990


class Refusal(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


def _choice(row: list[str], column: str, allowed: dict[str, str] | frozenset[str]) -> str:
    value = row[INDEX[column]]
    if value and value not in allowed:
        raise Refusal(column, str(_("“%(value)s” is not one of CTDC's values") % {"value": value[:40]}))
    return allowed[value] if isinstance(allowed, dict) and value else value


def parse(row: list[str], this_year: int) -> dict:
    """The row in our codes, or ``Refusal`` naming the first column at fault."""
    if len(row) != len(COLUMNS):
        raise Refusal(
            "",
            str(
                _("the row has %(n)s fields, not %(expected)s (cut short?)")
                % {"n": len(row), "expected": len(COLUMNS)}
            ),
        )
    year_text = row[0]
    year = None
    if year_text:
        if not year_text.isdigit() or not FIRST_YEAR <= int(year_text) <= this_year:
            raise Refusal(
                "yearOfRegistration",
                str(_("“%(value)s” is not a year between %(first)s and %(last)s")
                    % {"value": year_text[:20], "first": FIRST_YEAR, "last": this_year}),
            )  # fmt: skip
        year = int(year_text)
    for column in FLAGS:
        if row[INDEX[column]] not in ("", "0", "1"):
            raise Refusal(
                column, str(_("“%(value)s” is not 0, 1 or empty") % {"value": row[INDEX[column]][:20]})
            )
    for column in ("citizenship", "CountryOfExploitation"):
        value = row[INDEX[column]]
        if value and value not in COUNTRY_CODES:
            raise Refusal(
                column, str(_("“%(value)s” is not a country code (ISO 3166)") % {"value": value[:20]})
            )
    for column in ("majorityStatusAtExploit", "majorityEntry"):
        _choice(row, column, MAJORITY)
    relation = row[INDEX["RecruiterRelationship"]]
    if relation and not {part.strip() for part in relation.split(";")} <= RELATIONS:
        raise Refusal(
            "RecruiterRelationship",
            str(_("“%(value)s” is not one of CTDC's values") % {"value": relation[:40]}),
        )
    for column in ("meansOfControlConcatenated", "typeOfExploitConcatenated", "typeOfLabourConcatenated",
                   "typeOfSexConcatenated"):  # fmt: skip
        if len(row[INDEX[column]]) > CONCATENATED_LENGTH:
            raise Refusal(column, str(_("longer than %(n)s characters") % {"n": CONCATENATED_LENGTH}))
    return {
        "year": year,
        "datasource": _choice(row, "Datasource", DATASOURCE),
        "gender": _choice(row, "gender", GENDER),
        "age_band": _choice(row, "ageBroad", AGE_BANDS),
        "majority": _choice(row, "majorityStatus", MAJORITY),
        "citizenship": row[INDEX["citizenship"]],
        "country_of_exploitation": row[INDEX["CountryOfExploitation"]],
        "forms": "+".join(sorted(code for code in FORM_COLUMNS if row[INDEX[code]] == "1")),
        "values": row,
    }
