"""Needs and safety assessments: record one (starting from the previous), read one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.assessments import risk, services
from ostoja.assessments.access import RECORD, get_needs_for, get_safety_for
from ostoja.assessments.codes import AssessmentKind, Mode, NeedDomain, Severity
from ostoja.assessments.forms import NeedsAssessmentForm, SafetyAssessmentForm, ThreatFormSet
from ostoja.assessments.models import Need
from ostoja.audit import services as audit
from ostoja.cases.access import get_case_for
from ostoja.cases.codes import Phase
from ostoja.http import form_data
from ostoja.web import once


def _record(request: HttpRequest, object_type: str, pk: int, case) -> None:
    audit.record(
        request=request, action="create", object_type=object_type, object_ids=[pk],
        related=[("case", case.pk), ("person", case.person_id)],
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def needs_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, RECORD, details={"form": "needs_assessment"})
    previous = services.latest_needs(case)
    initial = {
        "token": once.new_token(),
        "kind": AssessmentKind.FULL if previous else AssessmentKind.INITIAL,
        "mode": Mode.PHONE if case.phase == Phase.BEFORE_RETURN else Mode.IN_PERSON,
        "before_return": case.phase == Phase.BEFORE_RETURN,
        "assessed_on": timezone.localdate(),
    }
    if previous is not None:  # a later assessment starts from the previous one
        for need in previous.needs.all():
            initial.update(
                {f"{need.domain}_severity": need.severity, f"{need.domain}_words": need.words,
                 f"{need.domain}_declined": need.declined}
            )  # fmt: skip
    form = NeedsAssessmentForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.case = case
        needs = [Need(**values) for values in form.need_values()]
        assessment = services.needs_save(assessment=form.instance, needs=needs, actor=request.user)
        _record(request, "needs_assessment", assessment.pk, case)
        messages.success(request, _("The needs assessment is saved."))
        return redirect("assessments:needs", pk=assessment.pk)
    return render(
        request, "assessments/needs_form.html", {"case": case, "form": form, "previous": previous},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@role_required(*STAFF)
def needs_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_needs_for(request, pk)
    changes = services.changes(assessment)
    rows = []
    for need in sorted(assessment.needs.all(), key=lambda n: list(NeedDomain.values).index(n.domain)):
        delta = changes.get(need.domain, 0)
        rows.append({"need": need, "delta": delta})
    return render(
        request, "assessments/needs_detail.html",
        {"assessment": assessment, "case": assessment.case, "rows": rows, "none": Severity.NONE},
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def safety_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, RECORD, details={"form": "safety_assessment"})
    previous = services.current_safety(case)
    initial = {"token": once.new_token(), "assessed_on": timezone.localdate()}
    if previous is not None:
        initial.update(
            {
                f: getattr(previous, f)
                for f in ("person_actions", "centre_actions", "who_to_call", "code_word")
            }
        )
    data = form_data(request)
    form = SafetyAssessmentForm(data, initial=initial)
    threats = ThreatFormSet(data, prefix="threat", initial=list(previous.threats) if previous else None)
    if request.method == "POST" and form.is_valid() and threats.is_valid():
        form.instance.case = case
        form.instance.threats = threats.rows()
        assessment = services.safety_save(assessment=form.instance, actor=request.user)
        _record(request, "safety_assessment", assessment.pk, case)
        messages.success(
            request,
            _("The safety assessment is saved: %(level)s.") % {"level": assessment.get_risk_level_display()},
        )
        return redirect("assessments:safety", pk=assessment.pk)
    return render(
        request, "assessments/safety_form.html",
        {"case": case, "form": form, "threats": threats, "matrix": risk.matrix()},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@role_required(*STAFF)
def safety_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_safety_for(request, pk)
    return render(
        request, "assessments/safety_detail.html",
        {"assessment": assessment, "case": assessment.case, "matrix": risk.matrix()},
    )  # fmt: skip
