"""Interventions: the board of open emergencies, taking one, its log, closing it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case as When_
from django.db.models import IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.audit import services as audit
from ostoja.hotline import services
from ostoja.hotline.access import BOARD_ROLES, HOTLINE_ROLES, get_contact_for, related_refs
from ostoja.hotline.escalation import escalation_delay
from ostoja.hotline.forms import ActionForm, CloseForm, InterventionOpenForm
from ostoja.hotline.models import Intervention

BOARD_LIMIT = 200


def _board_context(request: HttpRequest) -> dict:
    """Live interventions, nobody's first, oldest first within each group.

    The board shows no personal data (times, needs, language, country, who handles it), so the
    polling that refreshes it writes no audit rows; opening an intervention is audited.
    """
    live = (
        Intervention.objects.live()
        .select_related("contact", "handler")
        .annotate(
            taken=When_(
                When(handler__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("taken", "opened_at", "pk")
    )
    rows = list(live[:BOARD_LIMIT])
    now = timezone.now()
    delay = escalation_delay()
    for row in rows:
        row.overdue = row.handler_id is None and row.opened_at + delay <= now
        row.waiting_minutes = int((now - row.opened_at).total_seconds() // 60)
    return {
        "rows": rows,
        "more": max(0, live.count() - BOARD_LIMIT) if len(rows) == BOARD_LIMIT else 0,
        "unassigned": sum(1 for r in rows if r.handler_id is None),
        "now": now,
    }


@role_required(*BOARD_ROLES)
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    return render(request, "hotline/board.html", _board_context(request))


@role_required(*BOARD_ROLES)
@require_GET
def board_rows(request: HttpRequest) -> HttpResponse:
    """The board's table alone, fetched every 20 seconds (marked as polling, not activity)."""
    return render(request, "hotline/_board_rows.html", _board_context(request))


@role_required(*BOARD_ROLES)
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    if not Intervention.objects.filter(pk=pk).exists():
        raise Http404
    # On the board (HTMX) the refreshed rows say who has it; a message would linger to the next page.
    say = messages.warning if not request.htmx else (lambda *args: None)
    try:
        intervention = services.intervention_take(intervention_id=pk, user=request.user)
    except services.AlreadyTaken:
        say(request, _("A colleague has already taken this intervention."))
    except ValidationError as error:
        say(request, " ".join(error.messages))
    else:
        audit.record(
            request=request, action="update", object_type="intervention", object_ids=[intervention.pk],
            details={"taken": True},
        )  # fmt: skip
        if not request.htmx:
            messages.success(request, _("You are handling this intervention."))
            return redirect("hotline:intervention", pk=pk)
    if request.htmx:
        return render(request, "hotline/_board_rows.html", _board_context(request))
    return redirect("hotline:board")


def _get_intervention(request: HttpRequest, pk: int) -> Intervention:
    intervention = Intervention.objects.select_related("handler", "opened_by").filter(pk=pk).first()
    if intervention is None:
        raise Http404
    contact = get_contact_for(request, intervention.contact_id, audit_action="")
    intervention.contact = contact
    audit.record(
        request=request, action="view", object_type="intervention", object_ids=[intervention.pk],
        related=[("contact", contact.pk), *related_refs([contact])], details={"full": contact.full},
    )  # fmt: skip
    return intervention


@role_required(*HOTLINE_ROLES)
@require_GET
def intervention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _get_intervention(request, pk)
    context = {
        "intervention": intervention,
        "contact": intervention.contact,
        "actions": list(intervention.actions.select_related("by")) if intervention.contact.full else [],
        "action_form": ActionForm(),
        "close_form": CloseForm(instance=intervention, initial={"version": intervention.version}),
        "may_take": request.user.has_role(*BOARD_ROLES),
    }
    return render(request, "hotline/intervention_detail.html", context)


def _may_act(request: HttpRequest, intervention: Intervention) -> None:
    if intervention.handler_id != request.user.pk and not request.user.has_role(*BOARD_ROLES):
        raise PermissionDenied


@role_required(*HOTLINE_ROLES)
@require_POST
def intervention_action(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _get_intervention(request, pk)
    _may_act(request, intervention)
    if intervention.is_closed:
        messages.warning(request, _("This intervention is already closed."))
        return redirect("hotline:intervention", pk=pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        action = services.intervention_add_action(
            intervention=intervention,
            by=request.user,
            text=form.cleaned_data["text"],
            at=form.cleaned_data["at"],
        )
        audit.record(
            request=request, action="update", object_type="intervention", object_ids=[intervention.pk],
            details={"action": action.pk},
        )  # fmt: skip
        messages.success(request, _("Recorded."))
        return redirect("hotline:intervention", pk=pk)
    context = {
        "intervention": intervention, "contact": intervention.contact,
        "actions": list(intervention.actions.select_related("by")) if intervention.contact.full else [],
        "action_form": form, "close_form": CloseForm(instance=intervention, initial={"version": intervention.version}),
        "may_take": request.user.has_role(*BOARD_ROLES),
    }  # fmt: skip
    return render(request, "hotline/intervention_detail.html", context, status=422)


@role_required(*HOTLINE_ROLES)
@require_POST
def intervention_close(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = _get_intervention(request, pk)
    _may_act(request, intervention)
    version = intervention.version
    form = CloseForm(request.POST, instance=intervention)
    if form.is_valid():
        if form.cleaned_data["version"] != version:
            form.add_error(
                None, _("Someone else changed this intervention meanwhile. Check it, then close it again.")
            )
        elif intervention.is_closed:
            form.add_error(None, _("This intervention is already closed."))
        else:
            services.intervention_close(
                intervention=intervention, outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["outcome_note"], by=request.user,
            )  # fmt: skip
            audit.record(
                request=request, action="update", object_type="intervention", object_ids=[intervention.pk],
                details={"closed": True, "outcome": intervention.outcome},
            )  # fmt: skip
            messages.success(request, _("The intervention is closed."))
            return redirect("hotline:board" if request.user.has_role(*BOARD_ROLES) else "hotline:home")
    context = {
        "intervention": intervention, "contact": intervention.contact,
        "actions": list(intervention.actions.select_related("by")) if intervention.contact.full else [],
        "action_form": ActionForm(), "close_form": form, "may_take": request.user.has_role(*BOARD_ROLES),
    }  # fmt: skip
    return render(request, "hotline/intervention_detail.html", context, status=422)


@role_required(*HOTLINE_ROLES)
@require_http_methods(["GET", "POST"])
def intervention_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Turns an existing contact (a triaged web report, an earlier call) into an intervention."""
    contact = get_contact_for(request, pk, need_full=True)
    existing = Intervention.objects.filter(contact=contact).first()
    if existing:
        return redirect("hotline:intervention", pk=existing.pk)
    form = InterventionOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        intervention = services.intervention_open(
            contact=contact, needs=form.cleaned_data["needs"], opened_by=request.user,
            handler=request.user if form.cleaned_data["take_it"] else None,
        )  # fmt: skip
        audit.record(
            request=request, action="create", object_type="intervention", object_ids=[intervention.pk],
            related=[("contact", contact.pk), *related_refs([contact])],
        )  # fmt: skip
        messages.success(request, _("The intervention is open."))
        return redirect("hotline:intervention", pk=intervention.pk)
    return render(request, "hotline/intervention_open.html", {"form": form, "contact": contact})
