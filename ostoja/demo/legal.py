"""Demo legal matters on a few open cases of foreigners: criminal proceedings with a hearing ahead, the
person's decision about cooperating (one changed their mind), a certificate of a presumed victim in its
reflection period, a residence permit ending within the reminder days (so its task is on the case
manager's list), a pending application, a compensation claim and a custody matter."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.models import Case
from ostoja.demo import staff
from ostoja.legal import services as legal
from ostoja.legal.models import CooperationDecision, Hearing, Matter, Proceeding, ResidenceDocument

CASES = 3


def ensure_demo_legal() -> list[str]:
    """Adds the demo legal matters once; later calls only report what is there."""
    demo_users = [u for u, *_ in staff.DEMO_STAFF]
    if Proceeding.objects.filter(created_by__username__in=demo_users).exists():
        return [_summary(), "Demo legal matters were already loaded; nothing added."]
    candidates = (
        Case.objects.filter(case_manager__username__in=demo_users).exclude(status__in=CLOSED_STATUSES)
        .select_related("case_manager", "person").order_by("pk")
    )  # fmt: skip
    cases = [c for c in candidates if c.person.citizenships and "PL" not in c.person.citizenships][:CASES]
    with transaction.atomic():
        for n, case in enumerate(cases):
            _build(case, n)
    return [_summary()]


def _summary() -> str:
    return (
        f"Demo criminal proceedings: {Proceeding.objects.count()}, hearings: {Hearing.objects.count()}, "
        f"residence documents: {ResidenceDocument.objects.count()}, other legal matters: {Matter.objects.count()}."
    )


def _build(case: Case, n: int) -> None:
    manager, today = case.case_manager, timezone.localdate()
    proceeding = legal.proceeding_save(
        proceeding=Proceeding(
            case=case, role=["injured_party", "witness", "both"][n], authority=["prosecutor", "border_guard", "court"][n],
            reference=["PR 2 Ds 415/2026", "SG-KP 88/26", "III K 120/26"][n], stage=["investigation", "reported", "trial"][n],
            lawyer=["adw. Anna Nowicka (pełnomocnik z urzędu)", "", "r.pr. Marek Zieliński"][n],
        ),
        expected_version=0, actor=manager,
    )  # fmt: skip
    legal.hearing_save(
        hearing=Hearing(proceeding=proceeding, held_on=today + timedelta(days=5 + 10 * n), place="Sąd Okręgowy w Warszawie",
                        interpreter="arranged" if n else "to_arrange", companion="to_arrange"),
        expected_version=0, actor=manager,
    )  # fmt: skip
    decisions = (
        [("undecided", 30), ("cooperates", 5)]
        if n == 0
        else [(["declines", "cooperates", "undecided"][n], 12)]
    )
    for decision, days in decisions:
        legal.decision_add(
            decision=CooperationDecision(case=case, decision=decision, decided_on=today - timedelta(days=days),
                                         words="Potrzebuję czasu do namysłu." if decision == "undecided" else ""),
            actor=manager,
        )  # fmt: skip
    legal.residence_add(
        document=ResidenceDocument(case=case, kind="certificate", status="valid", valid_from=today - timedelta(days=40 + 50 * n),
                                   for_minor=case.person.is_minor, issued_by="Prokuratura Rejonowa Warszawa-Wola",
                                   reference=f"PR 2 Ds 415/2026/Z{n + 1}"),
        actor=manager,
    )  # fmt: skip
    if n >= 1:
        legal.residence_add(
            document=ResidenceDocument(case=case, kind="permit", status="valid", valid_from=today - timedelta(days=300),
                                       valid_until=today + timedelta(days=[0, 45, 200][n]),
                                       issued_by="Wojewoda Mazowiecki", reference=f"WSC-II-S.6151.{n}.2026"),
            actor=manager,
        )  # fmt: skip
    if n == 1:
        legal.residence_add(
            document=ResidenceDocument(case=case, kind="permit", status="applied", applied_on=today - timedelta(days=3),
                                       issued_by="Wojewoda Mazowiecki"),
            actor=manager,
        )  # fmt: skip
    legal.matter_save(
        matter=Matter(case=case, kind="custody" if n == 2 else "compensation", status="pending" if n else "preparing",
                      before="Sąd Okręgowy w Warszawie", notes="Roszczenie o zaległe wynagrodzenie." if n != 2 else ""),
        expected_version=0, actor=manager,
    )  # fmt: skip
