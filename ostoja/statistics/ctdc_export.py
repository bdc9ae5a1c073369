"""The centre's own cases in CTDC's k-anonymised format, for global data collection.

Each case becomes one row of CTDC's 63 columns, generalised the way CTDC's dataset is: the year the
case was opened (no dates), the age band kept in clear for statistics (``Person.age_band``; the date
of birth is encrypted and is not read) and adult or minor, the first citizenship, the codes of the exploitation profile as 0/1 columns. Only plain
columns are read; nothing is decrypted, and no name, date, place or free text can reach the file.

Then every combination of the quasi-identifiers (year, gender, age band, majority, citizenship,
country of exploitation) must occur at least k = 11 times. Where a row's combination is rarer, its
quasi-identifiers are blanked one at a time, in CTDC's order (the most identifying first: country
of exploitation and citizenship, then age band, gender, majority and last the year), until its
group is large enough; a row still in a group under k is left out. The written file is read back
and k is counted on it; the report says how many values of each column were blanked and how many
rows left out.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ostoja.cases.models import Case
from ostoja.identification.profile_codes import (
    CTDC_COLUMNS,
    ExploitationForm,
    LabourType,
    MeansOfControl,
    RecruiterRelation,
    RecruitmentMethod,
    SexType,
)
from ostoja.people.codes import AgeBand, Gender
from ostoja.statistics import ctdc
from ostoja.statistics.ctdc import COLUMNS

K = 11
QUASI_IDENTIFIERS = (
    "yearOfRegistration",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    "CountryOfExploitation",
)
# Blanked in this order until a row's group holds k rows.
SUPPRESSION_ORDER = (
    "CountryOfExploitation",
    "citizenship",
    "ageBroad",
    "gender",
    "majorityStatus",
    "yearOfRegistration",
)
GENDER = {
    Gender.FEMININE: "Female", Gender.MASCULINE: "Male", Gender.TRANS_FEMININE: "Transgender/NonConforming",
    Gender.TRANS_MASCULINE: "Transgender/NonConforming", Gender.NON_CONFORMING: "Transgender/NonConforming",
}  # fmt: skip
RELATION_WORDS = {
    RecruiterRelation.INTIMATE_PARTNER: "Intimate Partner", RecruiterRelation.FRIEND: "Friend/Acquaintance",
    RecruiterRelation.FAMILY: "Family/Relative", RecruiterRelation.OTHER: "Other",
    RecruiterRelation.UNKNOWN: "Not Specified",
}  # fmt: skip
FORM_WORDS = {
    "isForcedLabour": "Forced labour", "isSexualExploit": "Sexual exploitation", "isOtherExploit": "Other",
    "isSexAndLabour": "Combined sexual and labour exploitation", "isForcedMarriage": "Forced marriage",
    "isForcedMilitary": "Forced military", "isOrganRemoval": "Organ removal",
    "isSlaveryAndPractices": "Slavery and similar practices",
}  # fmt: skip
LABOUR_WORDS = {
    "typeOfLabourAgriculture": "Agriculture", "typeOfLabourAquafarming": "Aquafarming",
    "typeOfLabourBegging": "Begging", "typeOfLabourConstruction": "Construction",
    "typeOfLabourDomesticWork": "Domestic work", "typeOfLabourHospitality": "Hospitality",
    "typeOfLabourIllicitActivities": "Illicit activities", "typeOfLabourManufacturing": "Manufacturing",
    "typeOfLabourMiningOrDrilling": "Mining or drilling", "typeOfLabourPeddling": "Peddling",
    "typeOfLabourTransportation": "Transportation", "typeOfLabourOther": "Other",
    "typeOfLabourNotSpecified": "Not specified",
}  # fmt: skip
SEX_WORDS = {
    "typeOfSexProstitution": "Prostitution", "typeOfSexPornography": "Pornography",
    "typeOfSexRemoteInteractiveServices": "Remote interactive services",
    "typeOfSexPrivateSexualServices": "Private sexual services",
}  # fmt: skip


@dataclass
class Report:
    rows: int = 0
    written: int = 0
    left_out: int = 0
    blanked: Counter = field(default_factory=Counter)
    smallest_group: int = 0
    case_ids: list[int] = field(default_factory=list)


# The bands as CTDC writes them ("9--17"), from the ones kept on the person ("9-17").
CTDC_AGE_BANDS = {ours: theirs for theirs, ours in ctdc.AGE_BANDS.items()}
MINOR_BANDS = {AgeBand.UNDER_9, AgeBand.FROM_9}


def _flags(columns, chosen: set[str], known: bool) -> dict[str, str]:
    return {c: ("1" if c in chosen else "0") if known else "" for c in columns}


def row_for(values: dict) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row["yearOfRegistration"] = str(values["opened_on"].year)
    row["Datasource"] = "Case Management"
    row["gender"] = GENDER.get(values["person__gender"], "")
    band = values["person__age_band"] or ""
    row["ageBroad"] = CTDC_AGE_BANDS.get(band, "")
    row["majorityStatus"] = "Minor" if values["person__is_minor"] or band in MINOR_BANDS else "Adult"
    row["citizenship"] = (values["person__citizenships"] or [""])[0]
    has_profile = values["exploitation_profile__id"] is not None
    if has_profile:
        forms: set[str] = set()
        extra: set[str] = set()
        for code in values["exploitation_profile__forms"] or []:
            for column in CTDC_COLUMNS.get(code, (code,)):
                (forms if column.startswith("is") else extra).add(column)
        form_columns = [f.value for f in ExploitationForm if f.value.startswith("is")]
        row.update(_flags(form_columns, forms, True))
        row["typeOfExploitConcatenated"] = ";".join(FORM_WORDS[c] for c in form_columns if c in forms)
        labour = set(values["exploitation_profile__labour_types"] or []) | extra
        labour_columns = [*LabourType.values, "typeOfLabourNotSpecified"]
        if "isForcedLabour" in forms:
            row.update(_flags(labour_columns, labour or {"typeOfLabourNotSpecified"}, True))
            row["typeOfLabourConcatenated"] = ";".join(
                LABOUR_WORDS[c] for c in labour_columns if row[c] == "1"
            )
        sex = set(values["exploitation_profile__sex_types"] or [])
        if "isSexualExploit" in forms:
            row.update(_flags(SexType.values, sex, True))
            row["typeOfSexConcatenated"] = ";".join(SEX_WORDS[c] for c in SexType.values if c in sex)
        means = set(values["exploitation_profile__means_of_control"] or [])
        row.update(_flags(MeansOfControl.values, means, True))
        row["meansOfControlNotSpecified"] = "0" if means else "1"
        relations = set(values["exploitation_profile__recruiter_relations"] or [])
        row.update(_flags(RecruiterRelation.values, relations or {RecruiterRelation.UNKNOWN}, True))
        row["RecruiterRelationship"] = "; ".join(
            RELATION_WORDS[c]
            for c in RecruiterRelation.values
            if c in (relations or {RecruiterRelation.UNKNOWN})
        )
        row["isAbduction"] = (
            "1" if values["exploitation_profile__recruitment_method"] == RecruitmentMethod.ABDUCTION else "0"
        )
        row["majorityStatusAtExploit"] = "Minor" if values["exploitation_profile__minor_at_time"] else ""
    return row


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row[c] for c in QUASI_IDENTIFIERS)


def anonymise(rows: list[dict[str, str]], k: int = K) -> tuple[list[dict[str, str]], Counter, int]:
    """Blanks quasi-identifiers of rows in groups under k, then leaves out the rows still under k."""
    blanked: Counter = Counter()
    for column in SUPPRESSION_ORDER:
        sizes = Counter(_key(r) for r in rows)
        for row in rows:
            if sizes[_key(row)] < k and row[column]:
                row[column] = ""
                blanked[column] += 1
    sizes = Counter(_key(r) for r in rows)
    kept = [r for r in rows if sizes[_key(r)] >= k]
    return kept, blanked, len(rows) - len(kept)


def smallest_group(path: Path) -> int:
    """k of a written file: the size of its rarest combination of quasi-identifiers (0 if empty)."""
    with path.open(newline="", encoding="utf-8") as handle:
        sizes = Counter(tuple(r[c] for c in QUASI_IDENTIFIERS) for r in csv.DictReader(handle))
    return min(sizes.values(), default=0)


FIELDS = (
    "pk", "opened_on", "person__gender", "person__is_minor", "person__age_band", "person__citizenships",
    "exploitation_profile__id",
    "exploitation_profile__forms", "exploitation_profile__labour_types", "exploitation_profile__sex_types",
    "exploitation_profile__means_of_control", "exploitation_profile__recruitment_method",
    "exploitation_profile__recruiter_relations", "exploitation_profile__minor_at_time",
)  # fmt: skip


def export(path: Path, *, k: int = K) -> Report:
    report = Report()
    rows = []
    for values in Case.objects.values(*FIELDS).order_by("pk").iterator(chunk_size=2_000):
        rows.append(row_for(values))
        report.case_ids.append(values["pk"])
    report.rows = len(rows)
    kept, report.blanked, report.left_out = anonymise(rows, k)
    # Rows in an order that says nothing of when each case was registered.
    kept.sort(key=lambda r: tuple(r[c] for c in COLUMNS))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    report.written = len(kept)
    report.smallest_group = smallest_group(path)
    if report.written and report.smallest_group < k:
        path.unlink()
        raise AssertionError(f"k = {report.smallest_group} in the written file, under {k}: file removed.")
    return report
