"""Fictional identification data for the demo: screenings, statuses in every state, profiles.

Five demo cases get a story: an adult in labour exploitation (preliminary identification,
confirmed), an adult in sexual exploitation (identified by the Police), a child forced to beg
(preliminary identification waiting for the supervisor), an adult whose screening called for
further assessment (suspected), and a caller whose screening showed no indicators (not confirmed).
Everything goes through the app's services; only the timestamps are moved back afterwards, so the
timeline matches the case's dates.

The profiles' means of control, relations to the recruiter and types of labour are drawn from
the CTDC global k-anonymised data set (release of 15 July 2021): counts of "1" among the Case
Management records of citizens of UA, MD, BY, RO, BG and PL (2,633 in forced labour, 2,798 in
sexual exploitation), computed from /work/shared/data/ctdc.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ostoja.accounts.models import User
from ostoja.cases.models import Case
from ostoja.demo import staff
from ostoja.identification import indicators, services
from ostoja.identification.codes import Authority, IdStatus, ScreeningStatus
from ostoja.identification.models import (
    ExploitationProfile,
    IdentificationStatusChange,
    Interpreter,
    JourneyCountry,
    Representative,
    Screening,
)
from ostoja.people.models import Person

SEED = 2026

# CTDC counts (see the module docstring).
MEANS_LABOUR = {
    "meansOfControlFalsePromises": 1764, "meansOfControlTakesEarnings": 1729,
    "meansOfControlExcessiveWorkingHours": 1719, "meansOfControlPsychologicalAbuse": 1701,
    "meansOfControlWithholdsDocuments": 1590, "meansOfControlRestrictsMovement": 1576,
    "meansOfControlThreats": 1471, "meansOfControlRestrictsMedicalCare": 905,
    "meansOfControlPhysicalAbuse": 738, "meansOfControlThreatOfLawEnforcement": 711,
}  # fmt: skip
MEANS_SEXUAL = {
    "meansOfControlPsychologicalAbuse": 31, "meansOfControlSexualAbuse": 25, "meansOfControlThreats": 19,
    "meansOfControlPhysicalAbuse": 17, "meansOfControlFalsePromises": 15, "meansOfControlRestrictsMovement": 7,
    "meansOfControlRestrictsMedicalCare": 7, "meansOfControlWithholdsDocuments": 5,
    "meansOfControlTakesEarnings": 4, "meansOfControlPsychoactiveSubstances": 4,
}  # fmt: skip
RECRUITER_LABOUR = {
    "recruiterRelationOther": 1470,
    "recruiterRelationFriend": 338,
    "recruiterRelationFamily": 4,
}
RECRUITER_SEXUAL = {"recruiterRelationFriend": 14, "recruiterRelationOther": 2, "recruiterRelationFamily": 2}


@dataclass(frozen=True)
class Story:
    latin: str  # the person's name in Latin letters, to find the demo person
    kind: str  # labour / sexual
    language: str
    yes: tuple[str, ...]  # indicators answered "yes"; the rest of the list "no" (some "don't know")
    statuses: tuple[str, ...]  # in order; the last one is left pending when ``pending_last``
    pending_last: bool = False
    forms: tuple[str, ...] = ()
    labour_types: tuple[str, ...] = ()
    sex_types: tuple[str, ...] = ()
    sector: str = ""
    recruitment: tuple[str, str] = ("", "")  # method, platform
    roles: tuple[str, ...] = ()
    journey: tuple[tuple[str, str, int, int], ...] = ()  # stage, country, days before/after opening
    minor: bool = False
    grounds: dict[str, str] = field(default_factory=dict)
    correction: tuple[str, str, str] = ("", "", "")  # an answer corrected after the screening


STORIES = [
    Story(
        "Olena Kovalenko", "labour", "uk",
        yes=("dr_job", "dr_wages", "dr_housing", "ex_hours", "ex_pay", "ex_wage_manipulation", "ex_living",
             "cd_documents", "cd_withholding_wages", "cd_denunciation", "vd_dependency", "vd_unknown_area"),
        statuses=(IdStatus.SUSPECTED, IdStatus.PRELIMINARY),
        forms=("isForcedLabour",), labour_types=("typeOfLabourOther",), sector="H",
        recruitment=("online_advert", "telegram"), roles=("recruiter", "transporter", "exploiter"),
        journey=(("recruitment", "UA", -120, -100), ("exploitation", "PL", -95, -5)),
        grounds={IdStatus.PRELIMINARY: "Ankieta: domniemana ofiara (podstępny werbunek, wyzysk, przymus na miejscu). Paszport zatrzymany przez pracodawcę."},
    ),
    Story(
        "Yuliia Shevchenko", "sexual", "uk",
        yes=("dr_job", "dr_conditions", "cr_inform_family", "ex_hours", "ex_pay", "cd_isolation",
             "cd_forced_tasks", "cd_debt", "cd_threats", "vd_dependency"),
        statuses=(IdStatus.SUSPECTED, IdStatus.PRELIMINARY, IdStatus.IDENTIFIED),
        forms=("isSexualExploit",), sex_types=("typeOfSexProstitution",), sector="S",
        recruitment=("acquaintance", "instagram"), roles=("recruiter", "exploiter", "controller"),
        journey=(("recruitment", "UA", -200, -190), ("transit", "SK", -189, -188), ("exploitation", "PL", -187, -3)),
        grounds={IdStatus.PRELIMINARY: "Presumed victim; reported to the Police with her consent."},
    ),
    Story(
        "Madalina Stefanescu", "labour", "ro",
        yes=("dr_education", "vr_family", "vr_economic", "ex_hours", "ex_education", "cd_threats",
             "cd_withholding_wages"),
        statuses=(IdStatus.SUSPECTED, IdStatus.PRELIMINARY), pending_last=True,
        forms=("forced_begging",), labour_types=("typeOfLabourBegging",), sector="",
        recruitment=("family", ""), roles=("recruiter", "exploiter", "controller"),
        journey=(("recruitment", "RO", -60, -50), ("transit", "HU", -49, -48), ("exploitation", "PL", -47, -2)),
        minor=True,
        grounds={IdStatus.PRELIMINARY: "Dziecko żebrze dla krewnego, który zabiera pieniądze; u dziecka środki nie są wymagane."},
    ),
    Story(
        "Ionut Taranu", "labour", "ro",
        yes=("dr_wages", "ex_hours", "ex_labour_law"),
        statuses=(IdStatus.SUSPECTED,),
        forms=("isForcedLabour",), labour_types=("typeOfLabourConstruction",), sector="F",
        recruitment=("job_offer", ""), roles=("recruiter", "exploiter"),
        journey=(("recruitment", "RO", -40, -35), ("exploitation", "PL", -30, 0)),
        correction=("cd_withholding_wages", "yes",
                    "Przy drugim spotkaniu powiedział, że pracodawca od dwóch miesięcy wstrzymuje wypłatę."),
    ),
    Story(
        "Switłana Hnatiuk", "labour", "uk", yes=(),
        statuses=(IdStatus.SUSPECTED, IdStatus.NOT_CONFIRMED),
        forms=(), sector="N", recruitment=("agency", ""),
        grounds={IdStatus.NOT_CONFIRMED: "A dispute over unpaid overtime; no indicators of trafficking. Referred to the labour inspectorate."},
    ),
]  # fmt: skip


# The centre's interpreters (fictional): two on the list, one no longer offered.
INTERPRETERS = (
    ("Oksana Melnyk", ("uk", "ru"), True, True),
    ("Andrei Popescu", ("ro",), True, True),
    ("Wiktor Kozak", ("uk", "be"), False, False),
)


def _interpreters(actor: User) -> None:
    for name, languages, signed, active in INTERPRETERS:
        services.interpreter_add(
            interpreter=Interpreter(
                name=name, languages=list(languages), agreement_signed=signed, active=active
            ),
            actor=actor,
        )


def _interpreter_for(language: str) -> Interpreter | None:
    if language == "pl":
        return None
    return next(
        (i for i in Interpreter.objects.filter(active=True).order_by("pk") if language in i.languages), None
    )


def ensure_demo_identification() -> list[str]:
    """Adds the identification stories once; later calls only report what is there."""
    if Screening.objects.filter(started_by__username__in=[u for u, *_ in staff.DEMO_STAFF]).exists():
        return [_summary(), "Demo identification data was already loaded; nothing added."]
    cases = _cases()
    if not cases:
        from ostoja.demo import records

        records.ensure_demo_records()
        cases = _cases()
    supervisor = User.objects.get(username="superwizor")
    rng = random.Random(SEED)
    with transaction.atomic():
        if not Interpreter.objects.exists():
            _interpreters(supervisor)
        for story in STORIES:
            if story.latin in cases:
                _Story(story, cases[story.latin], supervisor, rng).build()
    return [_summary()]


def _summary() -> str:
    return (
        f"Demo screenings: {Screening.objects.count()}, identification status changes: "
        f"{IdentificationStatusChange.objects.count()} "
        f"({IdentificationStatusChange.objects.pending().count()} waiting for a supervisor), "
        f"exploitation profiles: {ExploitationProfile.objects.count()}."
    )


def _cases() -> dict[str, Case]:
    """The latest case of each story's person (57 demo persons: decrypting their names is cheap)."""
    wanted = {s.latin for s in STORIES}
    found: dict[str, Case] = {}
    demo_users = [u for u, *_ in staff.DEMO_STAFF]
    for person in Person.objects.filter(registered_by__username__in=demo_users).prefetch_related("cases"):
        latin = " ".join(p for p in (person.given_name_latin, person.family_name_latin) if p)
        key = _fold(latin or f"{person.given_name} {person.family_name}")
        for name in wanted:
            if _fold(name) == key and person.cases.all():
                found[name] = max(person.cases.all(), key=lambda c: c.opened_on)
    return found


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class _Story:
    def __init__(self, story: Story, case: Case, supervisor: User, rng: random.Random) -> None:
        self.story, self.case, self.supervisor, self.rng = story, case, supervisor, rng
        self.manager = case.case_manager
        self.day = case.opened_on + timedelta(days=2)

    def build(self) -> None:
        screening = self._screening()
        self._profile()
        for n, status in enumerate(self.story.statuses):
            self._status(
                status, screening, pending=self.story.pending_last and n == len(self.story.statuses) - 1, n=n
            )

    def _screening(self) -> Screening:
        story = self.story
        interpreter = _interpreter_for(story.language)
        screening = services.screening_start(
            case=self.case, actor=self.manager, kind=story.kind, language=story.language,
            interpreter_used=interpreter is not None, minor=story.minor,
            safe_to_talk=True, in_pain=story.kind == "sexual", needs_doctor=False, consent=True,
            interpreter=interpreter, interpreter_agreement=interpreter is not None and interpreter.agreement_signed,
            interpreter_relation="no" if interpreter is not None else "",
        )  # fmt: skip
        answers = {}
        for indicator in indicators.load().for_list(screening.indicator_list):
            if indicator.code in story.yes:
                answers[indicator.code] = "yes"
            else:
                answers[indicator.code] = "unknown" if self.rng.random() < 0.1 else "no"
        services.screening_save(
            screening=screening, answers=answers, step=6,
            notes="Rozmowa z tłumaczem, osoba spokojna, prosiła o przerwę po pytaniach o dokumenty.",
        )  # fmt: skip
        services.screening_finish(screening=screening, status=ScreeningStatus.COMPLETED)
        if story.correction[0]:
            code, answer, reason = story.correction
            services.answer_correct(
                screening=screening, code=code, answer=answer, reason=reason, actor=self.manager
            )
        Screening.objects.filter(pk=screening.pk).update(
            started_at=_at(self.day, 10), finished_at=_at(self.day, 11), updated_at=_at(self.day, 11)
        )
        screening.refresh_from_db()
        return screening

    def _profile(self) -> None:
        story = self.story
        labour = story.kind == "labour"
        means = (
            self._draw(MEANS_LABOUR if labour else MEANS_SEXUAL, self.rng.randint(3, 5))
            if story.forms
            else []
        )
        relations = self._draw(RECRUITER_LABOUR if labour else RECRUITER_SEXUAL, 1) if story.forms else []
        profile = ExploitationProfile(
            case=self.case, forms=list(story.forms), labour_types=list(story.labour_types),
            sex_types=list(story.sex_types), sector=story.sector, means_of_control=means,
            recruitment_method=story.recruitment[0], online_platform=story.recruitment[1],
            recruiter_relations=relations, minor_at_time=story.minor, perpetrator_roles=list(story.roles),
        )  # fmt: skip
        journey = [
            JourneyCountry(
                stage=stage, country=country, date_from=self.case.opened_on + timedelta(days=start),
                date_to=self.case.opened_on + timedelta(days=end),
            )
            for stage, country, start, end in story.journey
        ]  # fmt: skip
        services.profile_save(profile=profile, journey=journey, actor=self.manager, expected_version=0)
        if story.minor:
            services.representative_save(
                representative=Representative(
                    case=self.case, name="Kurator: adw. Anna Sikorska", relation="curator",
                    contact="Sąd Rejonowy, III Wydział Rodzinny i Nieletnich",
                ),
                actor=self.manager,
            )  # fmt: skip

    def _draw(self, weights: dict[str, int], k: int) -> list[str]:
        pool, chosen = dict(weights), []
        while pool and len(chosen) < k:
            code = self.rng.choices(list(pool), weights=list(pool.values()))[0]
            chosen.append(code)
            del pool[code]
        return chosen

    def _status(self, status: str, screening: Screening, *, pending: bool, n: int) -> None:
        fields = {"grounds": self.story.grounds.get(status, "")}
        if status == IdStatus.IDENTIFIED:
            fields |= {
                "authority": Authority.POLICE,
                "decided_on": self.day + timedelta(days=20),
                "reference": "RSD-II-0212/26",
            }
        change = IdentificationStatusChange(
            case=self.case,
            status=status,
            screening=screening if status != IdStatus.SUSPECTED else None,
            **fields,
        )
        services.status_request(change=change, actor=self.manager)
        asked = _at(self.day + timedelta(days=3 * n + (20 if status == IdStatus.IDENTIFIED else 0)), 12)
        IdentificationStatusChange.objects.filter(pk=change.pk).update(
            requested_at=asked, effective_at=asked if change.effective_at else None
        )
        if change.review == "pending" and not pending:
            services.status_review(change=change, actor=self.supervisor, confirm=True, note="")
            reviewed = asked + timedelta(days=1)
            IdentificationStatusChange.objects.filter(pk=change.pk).update(
                reviewed_at=reviewed, effective_at=reviewed
            )
