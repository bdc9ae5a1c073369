"""The identification overview of a case, status changes and the supervisors' confirmations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF, Role
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_case_for
from ostoja.http import form_data
from ostoja.identification import indicators, services
from ostoja.identification.access import get_status_change_for
from ostoja.identification.codes import NEEDS_CONFIRMATION
from ostoja.identification.forms import ReviewForm, StatusForm
from ostoja.identification.models import (
    ChecklistRecord,
    ExploitationProfile,
    IdentificationStatusChange,
    Representative,
)
from ostoja.identification.views.common import file_context, record


def _history(case) -> list[IdentificationStatusChange]:
    return list(
        IdentificationStatusChange.objects.filter(case=case)
        .select_related("requested_by", "reviewed_by", "screening")
        .order_by("-requested_at", "-pk")[:100]
    )


@role_required(*STAFF)
def case_overview(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk)
    profile = (
        ExploitationProfile.objects.filter(case=case)
        .prefetch_related("journey")
        .select_related("updated_by")
        .first()
    )
    context = {
        "case": case,
        "current": services.current_status(case),
        "pending": services.pending_change(case),
        "history": _history(case),
        "screenings": list(case.screenings.select_related("started_by")[:50]),
        "profile": profile,
        "representative": Representative.objects.filter(case=case).first(),
        "minor": case.person.is_minor or bool(profile and profile.minor_at_time),
        "checklists": list(ChecklistRecord.objects.filter(case=case).select_related("recorded_by")[:20]),
    }
    context |= file_context(indicators.load())
    return render(request, "identification/case_overview.html", context)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def status_change(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, Perm.CHANGE, details={"form": "identification_status"})
    allowed = services.allowed_next(case)
    pending = services.pending_change(case)
    initial = {}
    if request.GET.get("screening", "").isdigit():
        initial["screening"] = int(request.GET["screening"])
    form = StatusForm(form_data(request), case=case, allowed=allowed, initial=initial)
    if request.method == "POST" and form.is_valid():
        change = form.save(commit=False)
        change.case = case
        try:
            services.status_request(change=change, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            record(request, "create", "identification_status", change.pk, case, {"status": change.status})
            if change.status in NEEDS_CONFIRMATION:
                messages.success(
                    request, _("Recorded. The change takes effect when a supervisor confirms it.")
                )
            else:
                messages.success(request, _("The identification status is changed."))
            return redirect("identification:case_overview", case_pk=case.pk)
    context = {
        "case": case,
        "form": form,
        "current": services.current_status(case),
        "pending": pending,
        "allowed": allowed,
        "history": _history(case),
    }
    return render(request, "identification/status_change.html", context, status=400 if form.is_bound else 200)


def _pending_page(request: HttpRequest):
    changes = (
        IdentificationStatusChange.objects.pending()
        .select_related("case", "requested_by", "screening")
        .order_by("requested_at", "pk")
    )
    page = Paginator(changes, 25).get_page(request.GET.get("page"))
    audit.record(
        request=request, action="list", object_type="identification_status", object_ids=[c.pk for c in page],
        related=[("case", c.case_id) for c in page], details={"pending": True},
    )  # fmt: skip
    return page


@role_required(Role.SUPERVISOR)
def confirmations(request: HttpRequest) -> HttpResponse:
    page = _pending_page(request)
    rows = [{"change": change, "form": ReviewForm(prefix=f"c{change.pk}")} for change in page]
    return render(request, "identification/confirmations.html", {"page": page, "rows": rows})


@role_required(Role.SUPERVISOR)
@require_POST
def status_review(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_status_change_for(request, pk, Perm.CHANGE, details={"form": "review"})
    case = change.case
    form = ReviewForm(request.POST, prefix=f"c{change.pk}")
    if form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        try:
            services.status_review(
                change=change, actor=request.user, confirm=confirm, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            record(
                request,
                "update",
                "identification_status",
                change.pk,
                case,
                {"review": "confirm" if confirm else "reject"},
            )
            if confirm:
                messages.success(
                    request, _("Confirmed: case %(number)s has its new status.") % {"number": case.number}
                )
            else:
                messages.success(
                    request, _("Rejected: case %(number)s keeps its status.") % {"number": case.number}
                )
            return redirect("identification:confirmations")
    page = _pending_page(request)
    rows = [{"change": c, "form": form if c.pk == change.pk else ReviewForm(prefix=f"c{c.pk}")} for c in page]
    if change.pk not in {c.pk for c in page}:
        rows.insert(0, {"change": change, "form": form})
    return render(request, "identification/confirmations.html", {"page": page, "rows": rows}, status=400)
