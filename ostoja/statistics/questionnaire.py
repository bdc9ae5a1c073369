"""The ministry's anonymous questionnaire, one per beneficiary, filled from what the cases record.

The ministry's form has 20 variables (sex, age, citizenship, … whether the person testified). Those
the system records as plain codes are derived from the case, the person, the exploitation profile,
the needs assessment, the incoming referral and the services delivered — never by decrypting
anything, and without any personal data: no name, case number, date or id goes into the file, and
the rows are sorted by their values, not in the order of the cases. The variables the system does
not hold yet (marital status, the offer made, transport, …), or holds only encrypted (the countries
of the journey), are listed as such: the case manager completes them per case, as codes, on the case's
questionnaire page (``review_views``, stored in ``QuestionnaireAnswers``), and marks it reviewed; a
completed value is used wherever the case derives none (the age group of a person without a date of
birth or estimated age). The age group is the person's band kept in clear (``Person.age_band``).

Small-cell protection as on the statistics page: a value that fewer than the threshold + 1
beneficiaries of the period share is hidden in the rows ("<11") and in the summary counts, so that no
rare value points at a person.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from ostoja.assessments.codes import NeedDomain, Severity
from ostoja.assessments.models import Need, NeedsAssessment
from ostoja.cases.models import Case
from ostoja.identification.codes import IdStatus
from ostoja.identification.models import IdentificationStatusChange
from ostoja.identification.profile_codes import (
    ExploitationForm,
    MeansOfControl,
    RecruiterRelation,
    RecruitmentMethod,
)
from ostoja.partners.models import Kind as PartnerKind
from ostoja.people.codes import AgeBand, Gender
from ostoja.people.countries import country_name
from ostoja.referrals.models import IncomingReferral
from ostoja.services.models import Delivery
from ostoja.statistics.answer_codes import COUNTRY_NOT_KNOWN
from ostoja.statistics.forms import Period
from ostoja.statistics.models import QuestionnaireAnswers, ReportCategory
from ostoja.statistics.protect import protect, threshold

REPORT_LANGUAGE = "pl"


@dataclass(frozen=True)
class Variable:
    number: int
    code: str
    heading: str  # the ministry's heading, in Polish as on its form
    label: str | Promise
    # Where the value comes from, or why there is none ("" when derived).
    source: str | Promise
    derived: bool = True
    multiple: bool = False  # several values per person (forms of exploitation)


NOT_HELD = gettext_lazy(
    "Not held by the system yet: the case manager completes it on the case's questionnaire."
)
ENCRYPTED = gettext_lazy(
    "Recorded only encrypted (the countries of the journey): not derived, so that no statistics decrypt "
    "records; the case manager completes it."
)

VARIABLES: tuple[Variable, ...] = (
    Variable(1, "sex", "Płeć", gettext_lazy("Sex"), gettext_lazy("The person's sex.")),
    Variable(
        2,
        "age",
        "Wiek",
        gettext_lazy("Age"),
        gettext_lazy(
            "The person's age group (CTDC's bands), kept in clear when the date of birth or estimated age is "
            "saved; without either, the band the case manager completes, or “minor” if so marked."
        ),
    ),
    Variable(
        3,
        "citizenship",
        "Obywatelstwo",
        gettext_lazy("Citizenship"),
        gettext_lazy("The person's citizenships."),
        multiple=True,
    ),
    Variable(4, "marital_status", "Stan cywilny", gettext_lazy("Marital status"), NOT_HELD, derived=False),
    Variable(
        5,
        "recruitment_residence",
        "Kraj zamieszkania oraz zajęcie w momencie rekrutacji",
        gettext_lazy("Country of residence and occupation when recruited"),
        NOT_HELD,
        derived=False,
    ),
    Variable(
        6,
        "recruiter_citizenship",
        "Obywatelstwo rekrutera",
        gettext_lazy("Recruiter's citizenship"),
        NOT_HELD,
        derived=False,
    ),
    Variable(
        7,
        "recruitment_method",
        "Metody werbunku",
        gettext_lazy("Recruitment method"),
        gettext_lazy("The exploitation profile's method of recruitment."),
    ),
    Variable(
        8,
        "offer",
        "Oferta przedstawiana w momencie rekrutacji",
        gettext_lazy("Offer made at recruitment"),
        NOT_HELD,
        derived=False,
    ),
    Variable(
        9,
        "destination_proposed",
        "Państwo przeznaczenia proponowane w momencie rekrutacji",
        gettext_lazy("Destination proposed at recruitment"),
        NOT_HELD,
        derived=False,
    ),
    Variable(
        10,
        "recruiter_relation",
        "Relacje rekruter – ofiara",
        gettext_lazy("Relation to the recruiter"),
        gettext_lazy("The exploitation profile's relation to the recruiter."),
        multiple=True,
    ),
    Variable(11, "transport", "Transport", gettext_lazy("Transport"), NOT_HELD, derived=False),
    Variable(
        12,
        "exploitation_country",
        "Kraj wykorzystania",
        gettext_lazy("Country of exploitation"),
        ENCRYPTED,
        derived=False,
    ),
    Variable(
        13,
        "exploitation_purpose",
        "Cel wykorzystania",
        gettext_lazy("Purpose of exploitation"),
        gettext_lazy("The forms of exploitation, in the ministry's categories (Statistics → Categories)."),
        multiple=True,
    ),
    Variable(
        14,
        "control_methods",
        "Metody kontroli zachowania ofiar",
        gettext_lazy("Methods of control"),
        gettext_lazy("The exploitation profile's means of control."),
        multiple=True,
    ),
    Variable(15, "release", "Uwolnienie", gettext_lazy("How the person got out"), NOT_HELD, derived=False),
    Variable(
        16,
        "needs_after",
        "Sytuacja i potrzeby ofiary po uwolnieniu",
        gettext_lazy("Situation and needs after"),
        gettext_lazy("The domains of need of the latest needs assessment (a need rated above none)."),
        multiple=True,
    ),
    Variable(
        17,
        "informed_by",
        "Podmiot informujący KCIK o ofierze",
        gettext_lazy("Who informed the centre"),
        gettext_lazy("The kind of organisation of an incoming referral that started the case."),
    ),
    Variable(
        18,
        "residence_status",
        "Status pobytu cudzoziemskich ofiar w momencie zgłoszenia do KCIK",
        gettext_lazy("Residence status of a foreigner when reported"),
        NOT_HELD,
        derived=False,
    ),
    Variable(
        19,
        "support",
        "Źródło i rodzaj wsparcia",
        gettext_lazy("Source and type of support"),
        gettext_lazy("The services delivered (the catalogue's names), given by the centre or by a partner."),
        multiple=True,
    ),
    Variable(
        20,
        "testified",
        "Złożenie zeznań",
        gettext_lazy("Whether the person testified"),
        NOT_HELD,
        derived=False,
    ),
)
STATUS = Variable(
    0,
    "identification",
    "Ofiara zidentyfikowana / potencjalna",
    gettext_lazy("Identified or potential victim"),
    gettext_lazy("The case's identification status in force."),
)


# The answers the case manager completes, per variable (a variable may take two: country and occupation).
COMPLETED: dict[str, tuple[str, ...]] = {
    "age": ("age_band",),
    "marital_status": ("marital_status",),
    "recruitment_residence": ("recruitment_country", "recruitment_occupation"),
    "recruiter_citizenship": ("recruiter_citizenship",),
    "offer": ("offer",),
    "destination_proposed": ("destination_proposed",),
    "transport": ("transport",),
    "exploitation_country": ("exploitation_country",),
    "release": ("release",),
    "residence_status": ("residence_status",),
    "testified": ("testified",),
}
ANSWER_FIELDS: tuple[str, ...] = tuple(name for names in COMPLETED.values() for name in names)
COUNTRY_FIELDS = frozenset(
    {"recruitment_country", "recruiter_citizenship", "destination_proposed", "exploitation_country"}
)


def answer_label(name: str, code: str) -> str:
    """A completed answer in words: the country's name or the code list's label ("" for none)."""
    if not code:
        return ""
    if name in COUNTRY_FIELDS:
        return _("Country not known") if code == COUNTRY_NOT_KNOWN else country_name(code)
    return str(dict(QuestionnaireAnswers._meta.get_field(name).choices or ()).get(code, ""))


@dataclass
class Questionnaire:
    period: Period
    variables: tuple[Variable, ...]
    rows: list[dict[str, list[str]]]  # per beneficiary: variable code → values (already protected)
    counts: dict[str, list[tuple[str, str]]]  # per variable: (value, protected count) for the summary
    filled: dict[str, str]  # per variable: how many beneficiaries have a value (protected)
    beneficiaries: int
    reviewed: int = 0  # beneficiaries whose questionnaire the case manager confirmed complete

    @property
    def review_counts(self) -> tuple[str, str]:
        """(reviewed, still incomplete), protected as a table adding up to the beneficiaries."""
        cells, _total = protect([self.reviewed, self.beneficiaries - self.reviewed], self.beneficiaries)
        return cells[0].show(), cells[1].show()

    @property
    def beneficiaries_shown(self) -> str:
        return protect([self.beneficiaries])[0][0].show()

    @property
    def lines(self) -> list[tuple[Variable, str]]:
        """Each variable with how many beneficiaries have a value (derived or completed)."""
        return [(v, self.filled.get(v.code, "")) for v in self.variables]


def _labels(choices) -> Callable[[str], str]:
    names = dict(choices)
    return lambda code: str(names.get(code, "")) if code else ""


def _beneficiaries(period: Period) -> list[dict]:
    """The period's beneficiaries: the cases opened in it (as the statistics count), plain columns only."""
    cases = Case.objects.filter(opened_on__lte=period.end)
    if period.start is not None:
        cases = cases.filter(opened_on__gte=period.start)
    return _plain(cases)


def _plain(cases) -> list[dict]:
    """The plain columns the questionnaire derives from, with the completed answers (one query)."""
    status = (
        IdentificationStatusChange.objects.effective()
        .filter(case=OuterRef("pk"))
        .order_by("-effective_at", "-pk")
        .values("status")[:1]
    )
    return list(
        cases.annotate(id_status=Subquery(status)).values(
            "pk", "person__gender", "person__is_minor", "person__age_band", "person__citizenships",
            "exploitation_profile__forms", "exploitation_profile__means_of_control",
            "exploitation_profile__recruitment_method", "exploitation_profile__recruiter_relations", "id_status",
            "questionnaire__reviewed_at", *(f"questionnaire__{name}" for name in ANSWER_FIELDS),
        )
    )  # fmt: skip


def _needs(case_ids: list[int]) -> dict[int, list[str]]:
    latest = (
        NeedsAssessment.objects.filter(case=OuterRef("assessment__case"))
        .order_by("-assessed_on", "-pk")
        .values("pk")[:1]
    )
    found: dict[int, list[str]] = {}
    rows = (
        Need.objects.filter(assessment__case_id__in=case_ids, assessment=Subquery(latest))
        .exclude(severity=Severity.NONE)
        .values_list("assessment__case_id", "domain")
        .order_by("domain")
    )
    for case_id, domain in rows:
        found.setdefault(case_id, []).append(domain)
    return found


def _informed_by(case_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    kinds = _labels(PartnerKind.choices)
    for case_id, kind, name in (
        IncomingReferral.objects.filter(case_id__in=case_ids)
        .values_list("case_id", "partner__kind", "organisation_name")
        .order_by("received_at", "pk")
    ):
        if case_id not in found:
            found[case_id] = (
                kinds(kind) if kind else (_("An organisation not in the directory") if name else "")
            )
    return found


def _support(case_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, set[str]] = {}
    for case_id, name_pl, name_en, from_referral in Delivery.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "service__name_pl", "service__name_en", "from_referral"
    ):
        name = name_pl if (translation.get_language() or "pl").startswith("pl") else name_en
        source = _("partner") if from_referral else _("the centre")
        found.setdefault(case_id, set()).add(f"{name} ({source})")
    return {case_id: sorted(values) for case_id, values in found.items()}


def _ministry_forms() -> Callable[[list[str]], list[str]]:
    categories = list(ReportCategory.objects.filter(list_name=ReportCategory.List.EXPLOITATION))
    form_label = _labels(ExploitationForm.choices)

    def purposes(forms: list[str]) -> list[str]:
        chosen = [c.label() for c in categories if set(c.profile_codes) & set(forms)]
        covered = {code for c in categories for code in c.profile_codes}
        return chosen + [form_label(f) or f for f in forms if f not in covered]

    return purposes


def _citizenship(codes: list[str]) -> list[str]:
    return [_("Polish") if code == "PL" else country_name(code) for code in codes or []]


def collect(period: Period) -> Questionnaire:
    """The questionnaire of every beneficiary of ``period``, protected; a handful of queries in all."""
    cases = _beneficiaries(period)
    reviewed = sum(1 for case in cases if case["questionnaire__reviewed_at"] is not None)
    questionnaire = _protected(period, _values(cases))
    questionnaire.reviewed = reviewed
    return questionnaire


def for_case(case: Case) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """One case's questionnaire, unprotected, for its case manager: (derived, completed) values per
    variable, in words."""
    found = _plain(Case.objects.filter(pk=case.pk))
    derived = _values(found, completing=False)[0] if found else {}
    completed = _completed(found[0]) if found else {}
    return derived, completed


def _completed(case: dict) -> dict[str, list[str]]:
    return {
        code: [label for name in names if (label := answer_label(name, case[f"questionnaire__{name}"] or ""))]
        for code, names in COMPLETED.items()
    }


def _age(case: dict) -> str:
    band = case["person__age_band"] or ""
    return str(AgeBand(band).label) if band in AgeBand.values else ""


def _majority(case: dict) -> list[str]:
    """Without an age group, what the "minor" flag says (as the statistics page counts)."""
    return [_("minor") if case["person__is_minor"] else _("adult")]


def _values(cases: list[dict], *, completing: bool = True) -> list[dict[str, list[str]]]:
    """Each case's values per variable, in words; ``completing``: the completed answers fill what the
    case does not derive."""
    ids = [c["pk"] for c in cases]
    needs, informed, support = _needs(ids), _informed_by(ids), _support(ids)
    purposes = _ministry_forms()
    gender, method = _labels(Gender.choices), _labels(RecruitmentMethod.choices)
    relation, control = _labels(RecruiterRelation.choices), _labels(MeansOfControl.choices)
    need, status = _labels(NeedDomain.choices), _labels(IdStatus.choices)
    raw: list[dict[str, list[str]]] = []
    for case in cases:
        pk = case["pk"]
        values = {
            "identification": [status(case["id_status"] or "")],
            "sex": [gender(case["person__gender"]) if case["person__gender"] != Gender.UNKNOWN else ""],
            "age": [_age(case)],
            "citizenship": _citizenship(case["person__citizenships"] or []),
            "recruitment_method": [method(case["exploitation_profile__recruitment_method"] or "")],
            "recruiter_relation": [
                relation(c) for c in case["exploitation_profile__recruiter_relations"] or []
            ],
            "exploitation_purpose": purposes(case["exploitation_profile__forms"] or []),
            "control_methods": [control(c) for c in case["exploitation_profile__means_of_control"] or []],
            "needs_after": [need(d) for d in needs.get(pk, [])],
            "informed_by": [informed.get(pk, "")],
            "support": support.get(pk, []),
        }
        row = {code: [v for v in found if v] for code, found in values.items()}
        if completing:
            for code, answers in _completed(case).items():
                if not row.get(code):
                    row[code] = answers
        if not row["age"]:
            row["age"] = _majority(case)
        raw.append(row)
    return raw


def _protected(period: Period, raw: list[dict[str, list[str]]]) -> Questionnaire:
    limit = threshold()
    hidden = f"<{limit + 1}"
    variables = (STATUS, *VARIABLES)
    counts: dict[str, list[tuple[str, str]]] = {}
    filled: dict[str, str] = {}
    rare: dict[str, set[str]] = {}
    for variable in variables:
        counter = Counter(value for row in raw for value in set(row.get(variable.code, [])))
        ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        cells, _total = protect([n for _v, n in ordered], len(raw), additive=not variable.multiple)
        rare[variable.code] = {value for (value, _n), cell in zip(ordered, cells, strict=True) if cell.hidden}
        counts[variable.code] = [
            (value, cell.show()) for (value, _n), cell in zip(ordered, cells, strict=True)
        ]
        with_value = sum(1 for row in raw if row.get(variable.code))
        filled[variable.code] = protect([with_value])[0][0].show()
    rows = []
    for row in raw:
        shown = {}
        for code, values in row.items():
            kept = [hidden if v in rare.get(code, ()) else v for v in values]
            shown[code] = list(dict.fromkeys(kept))
        rows.append(shown)
    rows.sort(key=lambda r: [";".join(r.get(v.code, [])) for v in variables])
    return Questionnaire(period, variables, rows, counts, filled, len(raw))


def xlsx(period: Period) -> bytes:
    """The questionnaire as a workbook in Polish: one anonymous row per beneficiary, the variables and
    where each comes from, and the counts of each value."""
    with translation.override(REPORT_LANGUAGE):
        questionnaire = collect(period)
        book = Workbook()
        sheet = book.active
        sheet.title = _("Questionnaires")
        variables = questionnaire.variables
        sheet.append([f"{v.number}. {v.heading}" if v.number else v.heading for v in variables])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in questionnaire.rows:
            sheet.append(["; ".join(row.get(v.code, [])) for v in variables])
        about = book.create_sheet(_("Variables"))
        about.append([_("No."), _("Variable"), _("Derived from the case"), _("Where from")])
        for cell in about[1]:
            cell.font = Font(bold=True)
        for v in variables:
            about.append([v.number, v.heading, _("yes") if v.derived else _("no"), str(v.source)])
        about.append([])
        reviewed, incomplete = questionnaire.review_counts
        about.append([_("Questionnaires reviewed by the case manager"), reviewed])
        about.append([_("Questionnaires still incomplete"), incomplete])
        about.append([])
        about.append([_(
            "No personal data: no name, case number, date or identifier. A value shared by fewer than %(l)s "
            "beneficiaries of the period is shown as “<%(l)s”."
        ) % {"l": threshold() + 1}])  # fmt: skip
        counts = book.create_sheet(_("Counts"))
        counts.append([_("Variable"), _("Value"), _("Beneficiaries")])
        for cell in counts[1]:
            cell.font = Font(bold=True)
        for v in variables:
            for value, shown in questionnaire.counts.get(v.code, []):
                counts.append([v.heading, value, shown])
        for sheet_ in (sheet, about, counts):
            sheet_.column_dimensions["A"].width = 40
            sheet_.column_dimensions["B"].width = 40
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
