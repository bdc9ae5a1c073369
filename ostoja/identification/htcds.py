"""The mapping between the centre's own values, HTCDS 2.0 and CTDC, where they differ.

The exploitation profile stores CTDC column names where CTDC has one (``profile_codes.py``) and
the centre's own codes where it has none. HTCDS 2.0 names its values differently and groups some
of them otherwise; this module says, value by value, what each stored code is in HTCDS 2.0
(``vic_TypeOfExploitation``, ``vic_MethodsOfControl``, ``vic_RelationshipToTrafficker``) and in CTDC.
A test keeps every stored code mapped, and every HTCDS value named here in the standard's list.

Where HTCDS has no matching value the code maps to ``Other`` and the comment says why; nothing is
dropped silently.
"""

from __future__ import annotations

from ostoja.identification.profile_codes import (
    CTDC_COLUMNS,
    ExploitationForm,
    MeansOfControl,
    RecruiterRelation,
)

# The HTCDS 2.0 value lists this module uses (from the field standard, spelled as there).
HTCDS_TYPES_OF_EXPLOITATION = (
    "ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
    "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption", "Surrogacy", "Other",
)  # fmt: skip
HTCDS_METHODS_OF_CONTROL = (
    "PhysicalThreats", "ThreatsLawEnforcement", "ThreatensChildrenFamily", "DebtBondage", "FalsePromises",
    "PhysicalAbuse", "SexualAbuse", "TakesEarnings", "RestrictsFinancialAccess", "RestrictsMedicalCare",
    "WithholdsNecessities", "PsychologicalAbuse", "PsychoactiveSubstance", "ExcessiveWorkingHours",
    "WithholdsDocuments", "Other",
)  # fmt: skip
# The standard spells the third value this way.
HTCDS_RELATIONSHIPS = ("Familial", "Acquainted", "Unaquainted")

EXPLOITATION_TO_HTCDS: dict[str, tuple[str, ...]] = {
    ExploitationForm.FORCED_LABOUR: ("ForcedLabour",),
    ExploitationForm.SEXUAL: ("SexualExploitation",),
    ExploitationForm.SEX_AND_LABOUR: ("SexualExploitation", "ForcedLabour"),
    ExploitationForm.SLAVERY: ("Servitude",),
    ExploitationForm.FORCED_MARRIAGE: ("ForcedMarriage",),
    ExploitationForm.FORCED_MILITARY: ("ForcedMilitaryByNonStateActors",),
    ExploitationForm.ORGAN_REMOVAL: ("OrganRemoval",),
    ExploitationForm.FORCED_BEGGING: ("ForcedBegging",),
    # HTCDS has no forced criminality value.
    ExploitationForm.FORCED_CRIMINALITY: ("Other",),
    ExploitationForm.ILLEGAL_ADOPTION: ("ForcedAdoption",),
    ExploitationForm.SURROGACY: ("Surrogacy",),
    ExploitationForm.OTHER: ("Other",),
}
# A minor in forced labour (or begging) is also child labour in HTCDS.
CHILD_LABOUR_FORMS = (
    ExploitationForm.FORCED_LABOUR,
    ExploitationForm.SEX_AND_LABOUR,
    ExploitationForm.FORCED_BEGGING,
)

MEANS_TO_HTCDS: dict[str, str] = {
    MeansOfControl.DEBT_BONDAGE: "DebtBondage",
    MeansOfControl.TAKES_EARNINGS: "TakesEarnings",
    MeansOfControl.RESTRICTS_FINANCIAL_ACCESS: "RestrictsFinancialAccess",
    MeansOfControl.THREATS: "PhysicalThreats",
    MeansOfControl.PSYCHOLOGICAL_ABUSE: "PsychologicalAbuse",
    MeansOfControl.PHYSICAL_ABUSE: "PhysicalAbuse",
    MeansOfControl.SEXUAL_ABUSE: "SexualAbuse",
    MeansOfControl.FALSE_PROMISES: "FalsePromises",
    MeansOfControl.PSYCHOACTIVE_SUBSTANCES: "PsychoactiveSubstance",
    # HTCDS has no restriction of movement.
    MeansOfControl.RESTRICTS_MOVEMENT: "Other",
    MeansOfControl.RESTRICTS_MEDICAL_CARE: "RestrictsMedicalCare",
    MeansOfControl.EXCESSIVE_HOURS: "ExcessiveWorkingHours",
    # CTDC's "uses children" is restricting the person's access to their own children; HTCDS's
    # ThreatensChildrenFamily is a threat against them, which is not the same, so: Other.
    MeansOfControl.USES_CHILDREN: "Other",
    MeansOfControl.THREAT_OF_LAW_ENFORCEMENT: "ThreatsLawEnforcement",
    MeansOfControl.WITHHOLDS_NECESSITIES: "WithholdsNecessities",
    MeansOfControl.WITHHOLDS_DOCUMENTS: "WithholdsDocuments",
    MeansOfControl.OTHER: "Other",
}

RELATION_TO_HTCDS: dict[str, str] = {
    RecruiterRelation.INTIMATE_PARTNER: "Acquainted",
    RecruiterRelation.FRIEND: "Acquainted",
    RecruiterRelation.FAMILY: "Familial",
    RecruiterRelation.OTHER: "Unaquainted",
    RecruiterRelation.UNKNOWN: "",  # no value in HTCDS: the field stays empty
}


def exploitation_htcds(forms: list[str], *, minor: bool) -> list[str]:
    """HTCDS ``vic_TypeOfExploitation`` values for the profile's forms (each once, in order)."""
    values: list[str] = []
    for code in forms:
        values.extend(EXPLOITATION_TO_HTCDS[code])
        if minor and code in CHILD_LABOUR_FORMS:
            values.append("ChildLabour")
    return list(dict.fromkeys(values))


def exploitation_ctdc(forms: list[str]) -> list[str]:
    """The CTDC columns set to 1 for the profile's forms."""
    columns: list[str] = []
    for code in forms:
        columns.extend(CTDC_COLUMNS.get(code, (code,)))
    return list(dict.fromkeys(columns))


def means_htcds(means: list[str]) -> list[str]:
    return list(dict.fromkeys(MEANS_TO_HTCDS[code] for code in means))


def relations_htcds(relations: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in (RELATION_TO_HTCDS[code] for code in relations) if v))
