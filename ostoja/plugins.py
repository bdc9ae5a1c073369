"""The one way an app adds to pages and jobs it does not own.

Each app that does keeps a ``plugin.py`` module with one ``plugin = Plugin(...)``: its navigation
entries, dashboard sections, case-page sections, timeline sources, what stops a person's erasure, the rule for who is on shift,
its housekeeping jobs, its section of the printable case summary, the flags it puts on cases (a high risk), the facts it adds to the worklist
(last contact, next step) and its columns of the supervisor's workload view. The apps that show them (web's navigation and dashboard, the case page,
the timeline, the need-to-know rule, ``ostoja housekeeping``) read them here, so no app imports an
app above it to plug in, and nothing is patched at start-up.

This module imports no app: it sits below every layer (see the import contract in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.utils.functional import Promise

Text = str | Promise
Roles = tuple[str, ...] | None  # None: every staff role


@dataclass(frozen=True)
class NavItem:
    """An entry of the staff navigation, placed by ``order`` (lower first)."""

    label: Text
    url_name: str
    roles: Roles = None
    order: int = 50


@dataclass(frozen=True)
class DashboardSection:
    """A card on the dashboard; ``context(request)`` gives its template context."""

    title: Text
    template: str
    context: Callable[[HttpRequest], dict[str, Any]]
    roles: Roles = None
    order: int = 50


@dataclass(frozen=True)
class CaseSection:
    """A section of the case page, shown to a viewer who may VIEW the case.

    ``context(request, case)`` gives the template context, with ``shown``: the (type, id) of the
    records the section shows, which go into the case's audit row.
    """

    key: str
    title: Text
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any]]
    roles: Roles = None
    order: int = 50


@dataclass(frozen=True)
class Job:
    """Periodic upkeep: ``run()`` does it (idempotently) and returns how many things it did."""

    name: str
    label: Text
    run: Callable[[], int]


@dataclass(frozen=True)
class ConsentDependent:
    """Something that relies on a person's consent (a referral, an export).

    ``stop(consent, actor)`` stops what relies on ``consent`` once it is withdrawn and returns what
    it stopped, in words the case manager reads in the notice.
    """

    name: str
    stop: Callable[[Any, Any], list[str]]


@dataclass(frozen=True)
class SupportServices:
    """The services of a case's support plan, kept by the app that keeps the plan.

    ``choices(case)`` lists the case's services a referral can be linked to, as (id, label);
    ``delivered(service_id, referral, actor)`` marks that service delivered when the referral
    linked to it is completed (the referral's case is ``referral.case``; it must be the service's).
    """

    choices: Callable[[Any], list[tuple[int, str]]]
    delivered: Callable[[int, Any, Any], None]


@dataclass(frozen=True)
class Flag:
    """A warning shown next to a case wherever it appears (lists, the duty card, dashboards)."""

    label: Text
    level: str = "high"  # a CSS hint: "high" draws it as a danger badge


# Given case ids, the flags of those that have any: one query however many cases.
CaseFlags = Callable[[Sequence[int]], dict[int, list[Flag]]]
# Given case ids, facts for the worklist ("last_contact", "next_step", …) by case: one query.
CaseFacts = Callable[[Sequence[int]], dict[int, dict[str, Any]]]


@dataclass(frozen=True)
class WorkloadColumn:
    """A column of the supervisor's workload view: ``count(user_ids)`` gives each case manager's
    number (one query, each count an index range of that person's records)."""

    label: Text
    count: Callable[[Sequence[int]], dict[int, int]]
    order: int = 50


@dataclass(frozen=True)
class StatisticsTable:
    """A table of the statistics page, counted by the app that keeps the records.

    ``count(start, end)`` returns ``(code, label, count)`` rows for the days ``start`` to ``end``
    (inclusive), counted in the database from coded columns, never from decrypted values.
    ``additive``: each record is in one row (the rows add up to a total, which is then shown).
    """

    key: str
    title: Text
    count: Callable[[Any, Any], list[tuple[str, Text, int]]]
    additive: bool = True
    note: Text = ""
    order: int = 50


@dataclass(frozen=True)
class RecordKind:
    """How pages of other apps (the audit log) name records of one type.

    ``label`` is the kind in words ("case", "meeting"); ``names(ids)`` gives each record's name from
    plain columns (a case number, a date), one query for all ids, never an internal id or anything
    decrypted. A record it does not name is called by its kind only.
    """

    code: str
    label: Text
    names: Callable[[list[int]], dict[int, str]] | None = None
    # What a reader types to find such a record (a case number): the (type, id) of every record it
    # stands for, e.g. the case and its person.
    find: Callable[[str], list[tuple[str, int]]] | None = None
    # Who answers for the record (a case's manager), told when someone opens it through break-glass.
    responsible: Callable[[int], Any] | None = None


@dataclass(frozen=True)
class RetentionKind:
    """A kind of record the centre keeps for a set time (the retention schedule, docs/RETENTION.md).

    ``code`` names the kind and its period setting (``OSTOJA_RETENTION[code]``, settings.py);
    ``basis`` is the legal basis in words and ``provisional`` says whether it still waits for the
    centre's legal opinion. ``action`` is what happens at the end: "erase", "anonymise" or "review".
    ``due(cutoff)`` is a QuerySet of the records whose period started on or before ``cutoff`` (a
    date), each annotated with ``retention_start`` (a date or datetime), read by an indexed date
    column. ``names(ids)`` names them for the review list (a case number, a date), never by
    anything decrypted. Erasing a record that belongs to a person goes through the one erasure of
    a person: ``person(ids)`` gives each record's person id. Records that are nobody's (anonymous
    contacts, web reports never linked) are erased or anonymised by ``carry_out(ids, actor, reason)``,
    which returns how many it changed.
    """

    code: str
    label: Text
    object_type: str
    action: str
    basis: Text
    due: Callable[[Any], Any]
    names: Callable[[list[int]], dict[int, str]]
    provisional: bool = True
    person: Callable[[list[int]], dict[int, int]] | None = None
    carry_out: Callable[[list[int], Any, str], int] | None = None
    note: Text = ""
    order: int = 50


@dataclass(frozen=True)
class StaffRef:
    """A member of staff named in a person's own copy: shown by the copy's rule (by role or by name)."""

    user: Any
    role: Text


@dataclass(frozen=True)
class Withheld:
    """A value a person's own copy does not give, with the reason in words (another person's data)."""

    reason: Text


@dataclass(frozen=True)
class SubjectRecord:
    """One record in a person's own copy: its title and (label, value) pairs; values are text,
    dates, lists of text, ``StaffRef`` or ``Withheld``. ``ref`` is its (type, id) for the audit row."""

    title: Text
    fields: Sequence[tuple[Text, Any]]
    ref: tuple[str, int] | None = None


@dataclass(frozen=True)
class SubjectSection:
    """What one app holds about a person, for the subject access export."""

    key: str
    title: Text
    records: Sequence[SubjectRecord]
    note: Text = ""
    order: int = 50


@dataclass(frozen=True)
class SummaryPart:
    """What one app prints in the case summary: ``rows`` of (label, value) and ``lines`` of a list.

    ``shown`` names the (type, id) of every record printed: they go into the export's audit row.
    """

    rows: Sequence[tuple[Text, str]] = ()
    lines: Sequence[str] = ()
    shown: Sequence[tuple[str, int]] = ()
    empty: Text = ""  # said instead when there are neither rows nor lines


@dataclass(frozen=True)
class SummarySection:
    """A section of the printable case summary (casefiles), kept by the app that keeps the records.

    ``part(case, access)`` gives what the viewer may read (``access`` is ``cases.access.Access``: a
    section leaves out what the viewer may not see, or returns None to print nothing), from the
    records of ``case`` only. It must never print an address — of the person, of a shelter or a
    safe flat, of anyone — nor a phone number: the summary leaves the system on paper.
    """

    key: str
    title: Text
    part: Callable[[Any, Any], SummaryPart | None]
    order: int = 50


@dataclass(frozen=True)
class Plugin:
    navigation: Sequence[NavItem] = ()
    dashboard: Sequence[DashboardSection] = ()
    case_sections: Sequence[CaseSection] = ()
    timeline: Sequence[Any] = ()  # cases.timeline.Source
    on_shift: Callable[[Any], bool] | None = None  # whether a duty worker is on shift now
    housekeeping: Sequence[Job] = ()
    consent_dependents: Sequence[ConsentDependent] = ()
    support_services: SupportServices | None = None
    case_flags: CaseFlags | None = None
    # The ids of the flagged cases, as a subquery (``case_id`` values) to filter lists by.
    flagged_cases: Callable[[], Any] | None = None
    case_facts: CaseFacts | None = None
    workload: Sequence[WorkloadColumn] = ()
    # Before a case is closed: what is still open on it, in words (open tasks, plan goals).
    closing_checks: Callable[[Any], list[Text]] | None = None
    # When a case has been closed (in the same transaction): e.g. its open tasks are cancelled.
    case_closed: Callable[[Any, Any], None] | None = None
    statistics: Sequence[StatisticsTable] = ()
    # Of the person ids given, those who agreed to their data going to partners for ``purpose``.
    consent_to_share: Callable[[Sequence[int], str], set[int]] | None = None
    records: Sequence[RecordKind] = ()
    # The retention schedule's kinds of records this app keeps.
    retention: Sequence[RetentionKind] = ()
    # What the app holds about a person, for the person's own copy (the subject access export).
    subject_data: Callable[[Any], Sequence[SubjectSection]] | None = None
    # Texts that must never appear in a person's own copy (a shelter's secret address).
    secret_places: Callable[[Any], Sequence[str]] | None = None
    # The one erasure of a person: ``erase_person(person, actor, reason)`` (the app that keeps persons).
    erase_person: Callable[[Any, Any, str], None] | None = None
    # The interpreters the centre works with, available now, as (id, name, phone, language codes):
    # the app that keeps the list answers (identification); the hotline offers them for a web report.
    interpreters: Callable[[], list[tuple[int, str, str, list[str]]]] | None = None
    summary_sections: Sequence[SummarySection] = ()
    # Why a person may not be erased now, in words (an open case, ongoing proceedings); empty: nothing.
    erasure_blockers: Callable[[Any], list[Text]] | None = None


@cache
def installed() -> tuple[Plugin, ...]:
    """Every installed app's plugin, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.plugin"
        if find_spec(name) is not None:
            found.append(import_module(name).plugin)
    return tuple(found)


def allowed(user: Any, roles: Roles) -> bool:
    return bool(user.roles) if roles is None else user.has_role(*roles)


def navigation() -> list[NavItem]:
    return sorted((item for p in installed() for item in p.navigation), key=lambda item: item.order)


def dashboard() -> list[DashboardSection]:
    return sorted((section for p in installed() for section in p.dashboard), key=lambda s: s.order)


def case_sections() -> list[CaseSection]:
    return sorted((section for p in installed() for section in p.case_sections), key=lambda s: s.order)


def timeline_sources() -> list[Any]:
    return [source for p in installed() for source in p.timeline]


def on_shift() -> Callable[[Any], bool] | None:
    """The rule of the app that keeps the duty roster; None where no app keeps one."""
    rules = [p.on_shift for p in installed() if p.on_shift is not None]
    if len(rules) > 1:
        raise RuntimeError("Only one app may say who is on shift.")
    return rules[0] if rules else None


def interpreters() -> list[tuple[int, str, str, list[str]]]:
    """The available interpreters as (id, name, phone, languages); empty where no app keeps the list."""
    return [row for p in installed() if p.interpreters is not None for row in p.interpreters()]


def statistics_tables() -> list[StatisticsTable]:
    return sorted((table for p in installed() for table in p.statistics), key=lambda t: t.order)


def consent_to_share() -> Callable[[Sequence[int], str], set[int]] | None:
    """The rule of the app that keeps consent records; None where no app keeps them (nobody has agreed)."""
    rules = [p.consent_to_share for p in installed() if p.consent_to_share is not None]
    if len(rules) > 1:
        raise RuntimeError("Only one app may keep consent records.")
    return rules[0] if rules else None


def housekeeping() -> list[Job]:
    return [job for p in installed() for job in p.housekeeping]


def consent_dependents() -> list[ConsentDependent]:
    return [dependent for p in installed() for dependent in p.consent_dependents]


def support_services() -> SupportServices | None:
    """The support plan's services, where an app keeps a plan; None otherwise."""
    found = [p.support_services for p in installed() if p.support_services is not None]
    if len(found) > 1:
        raise RuntimeError("Only one app may keep the support plan's services.")
    return found[0] if found else None


def case_flags(case_ids: Sequence[int]) -> dict[int, list[Flag]]:
    """Every app's flags of ``case_ids`` (a risk level, …), by case id: one query per app."""
    found: dict[int, list[Flag]] = {}
    ids = list(case_ids)
    if not ids:
        return found
    for plugin in installed():
        if plugin.case_flags is not None:
            for case_id, flags in plugin.case_flags(ids).items():
                found.setdefault(case_id, []).extend(flags)
    return found


def flagged_cases() -> list[Any]:
    """Each app's subquery of flagged case ids (a list is filtered by any of them)."""
    return [p.flagged_cases() for p in installed() if p.flagged_cases is not None]


def case_facts(case_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Every app's worklist facts of ``case_ids``, by case id: one query per app."""
    found: dict[int, dict[str, Any]] = {}
    ids = list(case_ids)
    if not ids:
        return found
    for plugin in installed():
        if plugin.case_facts is not None:
            for case_id, facts in plugin.case_facts(ids).items():
                found.setdefault(case_id, {}).update(facts)
    return found


def workload() -> list[WorkloadColumn]:
    return sorted((c for p in installed() for c in p.workload), key=lambda c: c.order)


def closing_checks(case: Any) -> list[Text]:
    return [line for p in installed() if p.closing_checks is not None for line in p.closing_checks(case)]


def case_closed(case: Any, actor: Any) -> None:
    for plugin in installed():
        if plugin.case_closed is not None:
            plugin.case_closed(case, actor)


def erasure_blockers(person: Any) -> list[Text]:
    """Every app's reasons why ``person`` may not be erased now (see cases/erasure.py)."""
    return [
        line for p in installed() if p.erasure_blockers is not None for line in p.erasure_blockers(person)
    ]


def record_kinds() -> dict[str, RecordKind]:
    """Every record type an app names, by its code."""
    return {kind.code: kind for p in installed() for kind in p.records}


def retention_kinds() -> list[RetentionKind]:
    """Every app's kinds of records in the retention schedule."""
    return sorted((kind for p in installed() for kind in p.retention), key=lambda k: k.order)


def subject_data(person: Any) -> list[SubjectSection]:
    """Every app's sections of what it holds about ``person``."""
    sections = [s for p in installed() if p.subject_data is not None for s in p.subject_data(person)]
    return sorted(sections, key=lambda s: s.order)


def secret_places(person: Any) -> list[str]:
    """Every text that must not appear in ``person``'s own copy (secret shelter addresses)."""
    return [
        text for p in installed() if p.secret_places is not None for text in p.secret_places(person) if text
    ]


def erase_person() -> Callable[[Any, Any, str], None] | None:
    """The erasure of a person, where an app provides it; None otherwise."""
    found = [p.erase_person for p in installed() if p.erase_person is not None]
    if len(found) > 1:
        raise RuntimeError("Only one app may erase persons.")
    return found[0] if found else None


def summary_sections() -> list[SummarySection]:
    """Every app's section of the printable case summary, in their order."""
    return sorted((s for p in installed() for s in p.summary_sections), key=lambda s: s.order)
