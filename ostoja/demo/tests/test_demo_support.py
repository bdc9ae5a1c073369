"""The demo shows every support screen with something real: each stage of the work on a case."""

from io import StringIO

import pytest
from django.core.management import call_command

from ostoja.assessments.codes import RiskLevel
from ostoja.assessments.models import NeedsAssessment, SafetyAssessment
from ostoja.plans.models import SupportPlan
from ostoja.services.models import Delivery
from ostoja.tasks.codes import TaskKind
from ostoja.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_the_demo_holds_cases_at_every_stage_of_support():
    call_command("load_demo", stdout=StringIO())
    assert NeedsAssessment.objects.filter(kind="initial", before_return=True, mode="phone").exists()
    assert NeedsAssessment.objects.filter(kind="full", previous__isnull=False).exists()
    assert SafetyAssessment.objects.filter(current=True, risk_level=RiskLevel.HIGH).count() >= 2
    assert SupportPlan.objects.filter(approved_at__isnull=True).exists()  # a draft
    assert SupportPlan.objects.filter(number=2).exists()  # a reviewed plan, comparable with the first
    assert Delivery.objects.filter(delivered_by__username="specjalistka").exists()
    assert Delivery.objects.filter(provider__isnull=False).exclude(delivered_by__isnull=False).exists()
    assert Task.objects.filter(kind=TaskKind.SAFETY_REVIEW).exists()
    assert Task.objects.filter(kind=TaskKind.PLAN_ACTION).exists()
    counts = (NeedsAssessment.objects.count(), Delivery.objects.count(), Task.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)  # a second load adds nothing
    assert (NeedsAssessment.objects.count(), Delivery.objects.count(), Task.objects.count()) == counts
    assert "Demo support data was already loaded" in out.getvalue()
