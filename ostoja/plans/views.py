"""Support plan pages: start a version (or a review), edit the draft, read, approve, compare."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.cases.access import get_case_for
from ostoja.http import form_data
from ostoja.plans import services
from ostoja.plans.access import APPROVE, EDIT, get_plan_for, get_plan_pair_for
from ostoja.plans.forms import GoalFormSet, PlanForm
from ostoja.plans.models import SupportPlan


def _team(case) -> list:
    return [case.case_manager, *(m.user for m in case.members.select_related("user"))]


def _record(request: HttpRequest, action: str, plan: SupportPlan, details=None) -> None:
    audit.record(
        request=request, action=action, object_type="support_plan", object_ids=[plan.pk],
        related=[("case", plan.case_id), ("person", plan.case.person_id)], details=details or {},
    )  # fmt: skip


@role_required(*STAFF)
@require_POST
def plan_start(request: HttpRequest, case_pk: int) -> HttpResponse:
    """The draft to work on: the open one, or a new version (the first, or a review of the last)."""
    case = get_case_for(request, case_pk, EDIT, details={"form": "support_plan"})
    before = services.latest(case)
    plan = services.plan_start(case=case, actor=request.user)
    if before is None or before.pk != plan.pk:
        _record(request, "create", plan, {"number": plan.number})
    return redirect("plans:edit", pk=plan.pk)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for(request, pk, EDIT, details={"form": "edit"})
    if plan.is_approved:
        messages.info(request, _("An approved plan is not changed: start a review to make a new version."))
        return redirect("plans:detail", pk=plan.pk)
    team = _team(plan.case)
    data = form_data(request)
    form = PlanForm(data, instance=plan, initial={"version": plan.version})
    goals = GoalFormSet(data, queryset=plan.goals.all(), prefix="goal", team=team)
    conflict = None
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            services.plan_save(
                plan=form.instance, goals=goals.goals(), actor=request.user,
                expected_version=form.cleaned_data["version"],
            )  # fmt: skip
        except versions.StaleVersion:
            current = SupportPlan.objects.get(pk=plan.pk)
            form, conflict = versions.conflict(
                form, current=current, fields=PlanForm.Meta.fields,
                # The form again over its own copy: validating it must not change what the conflict shows.
                make_form=lambda data: PlanForm(data, instance=SupportPlan.objects.get(pk=plan.pk)),
                message=_("Someone else saved this plan while you were editing. Your entries are kept below: compare them with the saved plan and save again."),
            )  # fmt: skip
        else:
            _record(request, "update", plan)
            messages.success(request, _("The plan is saved."))
            return redirect("plans:detail", pk=plan.pk)
    return render(
        request, "plans/plan_edit.html",
        {"plan": plan, "case": plan.case, "form": form, "goals": goals, "conflict": conflict},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


def _detail(request: HttpRequest, plan: SupportPlan, problems=None, status: int = 200) -> HttpResponse:
    versions_of_case = list(
        SupportPlan.objects.filter(case_id=plan.case_id)
        .only("pk", "number", "approved_at", "case_id")
        .order_by("-number")
    )
    return render(
        request, "plans/plan_detail.html",
        {
            "plan": plan, "case": plan.case, "goals": list(plan.goals.select_related("owner")),
            "may_approve": plan.case.access.can(APPROVE) and not plan.is_approved,
            "may_edit": plan.case.access.can(EDIT), "problems": problems or {}, "versions": versions_of_case,
        },
        status=status,
    )  # fmt: skip


@role_required(*STAFF)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_plan_for(request, pk))


@role_required(*STAFF)
@require_POST
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for(request, pk, APPROVE, details={"form": "approve"})
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = -1
    try:
        services.plan_approve(plan=plan, actor=request.user, expected_version=expected)
    except ValidationError as error:
        return _detail(request, plan, problems=error.message_dict, status=400)
    except versions.StaleVersion:
        plan = get_plan_for(request, pk, APPROVE, details={"form": "approve", "stale": True})
        return _detail(request, plan, problems={"__all__": [str(versions.MESSAGE)]}, status=409)
    _record(request, "update", plan, {"approved": True})
    messages.success(request, _("The plan is approved."))
    return redirect("plans:detail", pk=plan.pk)


@role_required(*STAFF)
def plan_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """This version next to the one before it."""
    plan, older = get_plan_pair_for(request, pk)
    if older is None:
        raise Http404
    return render(
        request, "plans/plan_compare.html",
        {"plan": plan, "older": older, "case": plan.case, "rows": services.compare(older, plan)},
    )  # fmt: skip
