"""Legal matters of a case: the overview (proceedings and hearings, the person's decision about
cooperating, residence documents, other matters) and the forms that record and change them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.cases.access import get_case_for
from ostoja.http import form_data
from ostoja.legal import services
from ostoja.legal.access import READ, RECORD, get_hearing_for, get_matter_for, get_proceeding_for
from ostoja.legal.forms import (
    DecisionForm,
    HearingForm,
    MatterForm,
    NewHearingForm,
    NewMatterForm,
    NewProceedingForm,
    ProceedingForm,
    ResidenceForm,
)
from ostoja.legal.models import CooperationDecision, Hearing, Matter, Proceeding
from ostoja.web import once


def _audit_change(request: HttpRequest, action: str, object_type: str, pk: int, case, **details) -> None:
    audit.record(
        request=request, action=action, object_type=object_type, object_ids=[pk],
        related=[("case", case.pk), ("person", case.person_id)], details=details or None,
    )  # fmt: skip


def _overview_records(case) -> dict:
    proceedings = list(Proceeding.objects.filter(case=case).order_by("created_at", "pk"))
    hearings = list(Hearing.objects.filter(case=case).order_by("held_on", "pk"))
    by_proceeding: dict[int, list[Hearing]] = {}
    for hearing in hearings:
        by_proceeding.setdefault(hearing.proceeding_id, []).append(hearing)
    for proceeding in proceedings:
        proceeding.hearing_list = by_proceeding.get(proceeding.pk, [])
    decisions = list(
        CooperationDecision.objects.filter(case=case).select_related("created_by")
        .order_by("-decided_on", "-created_at", "-pk")
    )  # fmt: skip
    residence = services.residence_overview(case)
    matters = list(Matter.objects.filter(case=case).order_by("created_at", "pk"))
    return {
        "proceedings": proceedings, "hearings": hearings, "decisions": decisions, "residence": residence,
        "matters": matters,
    }  # fmt: skip


def _shown(records: dict) -> list[tuple[str, int]]:
    return [
        *(("proceeding", p.pk) for p in records["proceedings"]),
        *(("hearing", h.pk) for h in records["hearings"]),
        *(("cooperation_decision", d.pk) for d in records["decisions"]),
        *(("residence_document", d.pk) for d in records["residence"]["documents"]),
        *(("legal_matter", m.pk) for m in records["matters"]),
    ]


@role_required(*STAFF)
def overview(request: HttpRequest, case_pk: int) -> HttpResponse:
    loaded: dict = {}

    def shows(case):
        loaded.update(_overview_records(case))
        return _shown(loaded)

    case = get_case_for(request, case_pk, READ, details={"page": "legal"}, shows=shows)
    return render(
        request, "legal/overview.html",
        {"case": case, **loaded, "today": timezone.localdate(), "may_record": case.access.can(RECORD),
         "reminder_days": services.reminder_days()},
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def proceeding_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, RECORD, details={"form": "proceeding"})
    form = NewProceedingForm(form_data(request), initial={"token": once.new_token()})
    if request.method == "POST" and form.is_valid():
        form.instance.case = case
        proceeding = services.proceeding_save(
            proceeding=form.instance, expected_version=0, actor=request.user
        )
        _audit_change(request, "create", "proceeding", proceeding.pk, case)
        messages.success(request, _("The proceedings are recorded."))
        return redirect("legal:overview", case_pk=case.pk)
    return _form(request, case, form, _("Record criminal proceedings"))


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def proceeding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proceeding = get_proceeding_for(request, pk, RECORD, details={"form": "edit"})
    case = proceeding.case
    form = ProceedingForm(
        form_data(request), instance=proceeding, initial={"version": versions.version_of(proceeding)}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.proceeding_save(
                proceeding=form.instance, expected_version=form.cleaned_data["version"], actor=request.user
            )
        except versions.StaleVersion:
            form, conflict = versions.conflict(
                form, current=Proceeding.objects.get(pk=pk), fields=ProceedingForm.Meta.fields
            )
        else:
            _audit_change(
                request, "update", "proceeding", proceeding.pk, case, fields=sorted(form.changed_data)
            )
            messages.success(request, _("The proceedings are saved."))
            return redirect("legal:overview", case_pk=case.pk)
    return _form(request, case, form, _("Change the record of criminal proceedings"), conflict)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def hearing_new(request: HttpRequest, pk: int) -> HttpResponse:
    proceeding = get_proceeding_for(request, pk, RECORD, details={"form": "hearing"})
    case = proceeding.case
    form = NewHearingForm(form_data(request), initial={"token": once.new_token()})
    if request.method == "POST" and form.is_valid():
        form.instance.proceeding = proceeding
        hearing = services.hearing_save(hearing=form.instance, expected_version=0, actor=request.user)
        _audit_change(request, "create", "hearing", hearing.pk, case)
        messages.success(request, _("The hearing is recorded."))
        return redirect("legal:overview", case_pk=case.pk)
    return _form(request, case, form, _("Add a hearing"))


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def hearing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = get_hearing_for(request, pk, RECORD, details={"form": "edit"})
    case = hearing.case
    form = HearingForm(
        form_data(request), instance=hearing, initial={"version": versions.version_of(hearing)}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.hearing_save(
                hearing=form.instance, expected_version=form.cleaned_data["version"], actor=request.user
            )
        except versions.StaleVersion:
            form, conflict = versions.conflict(
                form, current=Hearing.objects.get(pk=pk), fields=HearingForm.Meta.fields
            )
        else:
            _audit_change(request, "update", "hearing", hearing.pk, case, fields=sorted(form.changed_data))
            messages.success(request, _("The hearing is saved."))
            return redirect("legal:overview", case_pk=case.pk)
    return _form(request, case, form, _("Change a hearing"), conflict)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def decision_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, RECORD, details={"form": "cooperation_decision"})
    form = DecisionForm(
        form_data(request), initial={"token": once.new_token(), "decided_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        form.instance.case = case
        decision = services.decision_add(decision=form.instance, actor=request.user)
        _audit_change(request, "create", "cooperation_decision", decision.pk, case)
        messages.success(request, _("The person's decision is recorded."))
        return redirect("legal:overview", case_pk=case.pk)
    return _form(request, case, form, _("Record the person's decision about cooperating"), decision=True)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def residence_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, RECORD, details={"form": "residence_document"})
    form = ResidenceForm(
        form_data(request), initial={"token": once.new_token(), "for_minor": case.person.is_minor}
    )
    if request.method == "POST" and form.is_valid():
        form.instance.case = case
        document = services.residence_add(document=form.instance, actor=request.user)
        _audit_change(request, "create", "residence_document", document.pk, case)
        messages.success(request, _("The residence document is recorded."))
        return redirect("legal:overview", case_pk=case.pk)
    return _form(request, case, form, _("Record a certificate or a residence permit"))


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def matter_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, RECORD, details={"form": "legal_matter"})
    form = NewMatterForm(form_data(request), initial={"token": once.new_token()})
    if request.method == "POST" and form.is_valid():
        form.instance.case = case
        matter = services.matter_save(matter=form.instance, expected_version=0, actor=request.user)
        _audit_change(request, "create", "legal_matter", matter.pk, case)
        messages.success(request, _("The matter is recorded."))
        return redirect("legal:overview", case_pk=case.pk)
    return _form(request, case, form, _("Record a compensation claim or a family-law matter"))


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def matter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    matter = get_matter_for(request, pk, RECORD, details={"form": "edit"})
    case = matter.case
    form = MatterForm(form_data(request), instance=matter, initial={"version": versions.version_of(matter)})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.matter_save(
                matter=form.instance, expected_version=form.cleaned_data["version"], actor=request.user
            )
        except versions.StaleVersion:
            form, conflict = versions.conflict(
                form, current=Matter.objects.get(pk=pk), fields=MatterForm.Meta.fields
            )
        else:
            _audit_change(
                request, "update", "legal_matter", matter.pk, case, fields=sorted(form.changed_data)
            )
            messages.success(request, _("The matter is saved."))
            return redirect("legal:overview", case_pk=case.pk)
    return _form(request, case, form, _("Change a legal matter"), conflict)


def _form(
    request: HttpRequest, case, form, title: str, conflict=None, *, decision: bool = False
) -> HttpResponse:
    return render(
        request, "legal/form.html",
        {"case": case, "form": form, "title": title, "conflict": conflict, "decision": decision},
        status=400 if form.is_bound else 200,
    )  # fmt: skip
