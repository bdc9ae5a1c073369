"""Demo support work on a few open cases, each at another stage: an initial needs assessment by phone
before return; a full assessment with a high-risk safety assessment and a plan in draft; an approved
plan with three services delivered; a plan reviewed into a second version; tasks, one of them overdue."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ostoja.accounts.models import User
from ostoja.assessments import services as assessments
from ostoja.assessments.models import Need, NeedsAssessment, SafetyAssessment
from ostoja.cases.codes import CLOSED_STATUSES
from ostoja.cases.models import Case, CaseMember
from ostoja.demo import staff
from ostoja.plans import services as plans
from ostoja.plans.models import Goal, SupportPlan
from ostoja.services import services as deliveries
from ostoja.services.catalogue import install
from ostoja.services.models import Delivery, Service
from ostoja.tasks import services as tasks
from ostoja.tasks.codes import TaskKind
from ostoja.tasks.models import Task

STAGES = 5


def ensure_demo_support() -> list[str]:
    """Adds the support stages once; later calls only report what is there."""
    install(Service)
    demo_users = [u for u, *_ in staff.DEMO_STAFF]
    if NeedsAssessment.objects.filter(created_by__username__in=demo_users).exists():
        return [_summary(), "Demo support data was already loaded; nothing added."]
    cases = list(
        Case.objects.filter(case_manager__username__in=demo_users).exclude(status__in=CLOSED_STATUSES)
        .select_related("case_manager", "person").order_by("pk")[:STAGES]
    )  # fmt: skip
    if not cases:
        return [_summary()]
    supervisor = User.objects.get(username="superwizor")
    specialist = User.objects.get(username="specjalistka")
    with transaction.atomic():
        for n, case in enumerate(cases):
            _Stage(case, supervisor, specialist).build(n)
    return [_summary()]


def _summary() -> str:
    return (
        f"Demo needs assessments: {NeedsAssessment.objects.count()}, safety assessments: "
        f"{SafetyAssessment.objects.count()}, support plan versions: {SupportPlan.objects.count()}, services "
        f"delivered: {Delivery.objects.count()}, tasks: {Task.objects.count()}."
    )


class _Stage:
    def __init__(self, case: Case, supervisor: User, specialist: User) -> None:
        self.case, self.supervisor, self.specialist = case, supervisor, specialist
        self.manager = case.case_manager
        self.today = timezone.localdate()

    def build(self, stage: int) -> None:
        self._needs("initial", "phone", before_return=True, days=40, accommodation=4, documents=3)
        if stage == 0:
            tasks.task_create(
                case=self.case, owner=self.manager, kind=TaskKind.FOLLOW_UP, due_on=self.today + timedelta(days=1),
                details="Oddzwonić po potwierdzeniu lotu; zapytać o dokumenty.", created_by=self.manager,
            )  # fmt: skip
            return
        self._needs("full", "in_person", before_return=False, days=20, accommodation=2, documents=3)
        high = stage in (1, 2)
        self._safety(high=high, review_days=-3 if stage == 1 else 14)
        plan = self._plan(approve=stage >= 2)
        if stage >= 2:
            self._deliveries(plan)
        if stage == 3:
            review = plans.plan_start(case=self.case, actor=self.manager)
            goals = [Goal(domain=g.domain, goal=g.goal, actions=g.actions, owner=g.owner, partner=g.partner,
                          due_on=g.due_on) for g in review.goals.all()]  # fmt: skip
            goals[0].goal = "Mieszkanie chronione na kolejne 6 miesięcy"
            review.review_on = self.today + timedelta(days=120)
            plans.plan_save(plan=review, goals=goals, actor=self.manager, expected_version=review.version)
        if stage == 1:
            assessments.overdue_reviews_to_tasks()

    def _needs(self, kind, mode, *, before_return, days, accommodation, documents) -> NeedsAssessment:
        return assessments.needs_save(
            assessment=NeedsAssessment(
                case=self.case, kind=kind, mode=mode, before_return=before_return,
                assessed_on=self.today - timedelta(days=days),
                summary="Rozmowa z tłumaczką; osoba zmęczona, ale chętna do rozmowy.",
            ),
            needs=[
                Need(domain="safety", severity=3, words="Boję się, że mnie znajdą."),
                Need(domain="accommodation", severity=accommodation, words="Nie mam gdzie spać."),
                Need(domain="documents", severity=documents, words="Zabrali mi paszport."),
                Need(domain="mental_health", severity=2, words="Nie mogę spać."),
                Need(domain="legal", severity=2, declined=True),
                Need(domain="money", severity=3, words="Mówią, że mam dług."),
            ],
            actor=self.manager,
        )  # fmt: skip

    def _safety(self, *, high: bool, review_days: int) -> SafetyAssessment:
        threats = [{"at_risk": "person", "threat": "trafficker_contact", "severity": 3, "likelihood": 3 if high else 1},
                   {"at_risk": "family", "threat": "family_threats", "severity": 2, "likelihood": 2}]  # fmt: skip
        assessment = assessments.safety_save(
            assessment=SafetyAssessment(
                case=self.case, assessed_on=self.today - timedelta(days=18), review_on=self.today + timedelta(days=14),
                threats=threats, person_actions="Telefon wyłączony w nocy; nie odbiera nieznanych numerów.",
                centre_actions="Bezpieczne schronienie; kontakt z policją w razie zagrożenia.",
                who_to_call="Opiekun sprawy, potem 112.", code_word="Słonecznik",
            ),
            actor=self.manager,
        )  # fmt: skip
        if review_days < 0:  # a review that has passed: the demo shows it as an overdue task
            SafetyAssessment.objects.filter(pk=assessment.pk).update(
                review_on=self.today + timedelta(days=review_days)
            )
        return assessment

    def _plan(self, *, approve: bool) -> SupportPlan:
        plan = plans.plan_start(case=self.case, actor=self.manager)
        plan.agreed, plan.agreement_words, plan.agreement_language = (
            approve,
            "Zgadzam się, to mój plan.",
            "uk",
        )
        plan.interpreter, plan.review_on = "Iryna, tłumaczka", self.today + timedelta(days=90)
        goals = [
            Goal(domain="accommodation", goal="Bezpieczne mieszkanie", actions="Schronisko, potem mieszkanie chronione",
                 owner=self.manager, due_on=self.today + timedelta(days=21)),
            Goal(domain="documents", goal="Nowy paszport", actions="Wizyta w konsulacie z asystą",
                 owner=self.manager, due_on=self.today + timedelta(days=45)),
            Goal(domain="mental_health", goal="Wsparcie psychologiczne", actions="Cotygodniowe spotkania",
                 owner=self.specialist),
        ]  # fmt: skip
        plans.plan_save(plan=plan, goals=goals, actor=self.manager, expected_version=plan.version)
        if approve:
            plans.plan_approve(plan=plan, actor=self.supervisor, expected_version=plan.version)
        return plan

    def _deliveries(self, plan: SupportPlan) -> None:
        CaseMember.objects.get_or_create(case=self.case, user=self.specialist)
        goals = {g.domain: g for g in plan.goals.all()}
        for code, who, provider, days, goal, outcome in (
            (
                "crisis_accommodation",
                self.manager,
                "",
                17,
                "accommodation",
                "Miejsce w schronisku na 3 miesiące.",
            ),
            (
                "documents",
                None,
                "Konsulat Ukrainy w Warszawie",
                10,
                "documents",
                "Złożony wniosek o paszport.",
            ),
            (
                "psychological_help",
                self.specialist,
                "",
                5,
                "mental_health",
                "Pierwsze spotkanie, ustalony rytm.",
            ),
        ):
            deliveries.delivery_record(
                delivery=Delivery(
                    case=self.case, service=Service.objects.get(code=code), delivered_on=self.today - timedelta(days=days),
                    delivered_by=who, provider=provider, minutes=60, cost=0, outcome=outcome, goal=goals[goal],
                ),
                actor=who or self.manager,
            )  # fmt: skip
