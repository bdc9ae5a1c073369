"""Interventions: the board of open emergencies, taking one, its log, closing it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case as When_
from django.db.models import IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ostoja import dates, versions
from ostoja.accounts.access import role_required
from ostoja.audit import services as audit
from ostoja.cases import services as case_services
from ostoja.cases.access import duplicate_rows_for
from ostoja.cases.codes import CaseKind
from ostoja.cases.models import Case
from ostoja.hotline import services
from ostoja.hotline.access import (
    BOARD_ROLES,
    HOTLINE_ROLES,
    get_contact_for,
    get_intervention_for,
    related_refs,
)
from ostoja.hotline.forms import ActionForm, CloseForm, InterventionOpenForm, InterventionRegisterForm
from ostoja.hotline.models import CallEvent, Intervention, escalation_delay
from ostoja.http import form_data
from ostoja.people import services as people_services
from ostoja.people.codes import ChannelKind, Safety
from ostoja.people.models import ContactChannel
from ostoja.web import ratelimit

BOARD_LIMIT = 200
# What a colleague may have changed meanwhile, shown next to a refused closing.
CLOSE_CONFLICT_FIELDS = ["status", "handler", "outcome", "outcome_note"]


def _seen(request: HttpRequest) -> set[int] | None:
    """The interventions the board showed before this refresh (its hidden ``seen`` field)."""
    raw = request.GET.get("seen", request.POST.get("seen"))
    if raw is None:
        return None
    return {int(part) for part in raw.split(",") if part.strip().isdigit()}


def _board_context(request: HttpRequest, *, news: list[str] | None = None, focus: int | None = None) -> dict:
    """Live interventions, nobody's first, oldest first within each group.

    The board shows no personal data (times, needs, language, country, who handles it), so the
    polling that refreshes it writes no audit rows; opening an intervention is audited.
    A refresh (``fragment``) also says, for the board's live region, only what changed since the
    rows the page already showed: each new urgent intervention, and the outcome of "Take".
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
        row.overdue = row.handler_id is None and dates.plus(row.opened_at, delay) <= now
        row.waiting_minutes = int((now - row.opened_at).total_seconds() // 60)
    seen = _seen(request)
    news = list(news or [])
    if seen is not None:
        for row in rows:
            if row.pk not in seen and row.handler_id is None:
                needs = ", ".join(row.need_labels) or "—"
                news.append(
                    _("New urgent intervention: %(name)s: %(needs)s; language: %(language)s.")
                    % {"name": row.name, "needs": needs, "language": row.contact.get_language_display()}
                )
    return {
        "rows": rows,
        "more": max(0, live.count() - BOARD_LIMIT) if len(rows) == BOARD_LIMIT else 0,
        "unassigned": sum(1 for r in rows if r.handler_id is None),
        "now": now,
        "seen_now": ",".join(str(row.pk) for row in rows),
        "news": news,
        # After "Take", the focus goes to the intervention's link, or to the board's status line
        # when the intervention has left the board (closed meanwhile).
        "focus": focus if any(row.pk == focus for row in rows) else None,
        "focus_status": focus is not None and not any(row.pk == focus for row in rows),
        "fragment": bool(request.htmx),
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
    # On the board (HTMX) the outcome goes to the board's live region, and the focus to the
    # intervention's link in its row (the Take button is gone); a message would linger to the next page.
    news: list[str] = []
    say = messages.warning if not request.htmx else (lambda _request, text: news.append(text))
    try:
        intervention = services.intervention_take(intervention_id=pk, user=request.user)
    except services.AlreadyTaken:
        say(request, _("A colleague has already taken this intervention."))
    except ValidationError as error:
        say(request, " ".join(error.messages))
    else:
        news.append(_("You are handling this intervention: %(name)s.") % {"name": intervention.name})
        audit.record(
            request=request, action="update", object_type="intervention", object_ids=[intervention.pk],
            details={"taken": True},
        )  # fmt: skip
        if not request.htmx:
            messages.success(request, _("You are handling this intervention."))
            return redirect("hotline:intervention", pk=pk)
    if request.htmx:
        return render(request, "hotline/_board_rows.html", _board_context(request, news=news, focus=pk))
    return redirect("hotline:board")


@role_required(*HOTLINE_ROLES)
@require_GET
def intervention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_intervention_for(request, pk)
    context = {
        "intervention": intervention,
        "contact": intervention.contact,
        "actions": list(intervention.actions.select_related("by")) if intervention.contact.full else [],
        "action_form": ActionForm(),
        "close_form": CloseForm(instance=intervention, initial={"version": intervention.version}),
        "may_take": request.user.has_role(*BOARD_ROLES),
    }
    return render(request, "hotline/intervention_detail.html", context)


@role_required(*HOTLINE_ROLES)
@require_POST
def intervention_action(request: HttpRequest, pk: int) -> HttpResponse:
    intervention = get_intervention_for(request, pk, act=True, details={"form": "action"})
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
    intervention = get_intervention_for(request, pk, act=True, details={"form": "close"})
    form = CloseForm(request.POST, instance=intervention)
    conflict = None
    if form.is_valid():
        try:
            services.intervention_close(
                intervention=intervention, outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["outcome_note"], by=request.user,
                expected_version=form.cleaned_data["version"],
            )  # fmt: skip
        except versions.StaleVersion:
            # The page shows the intervention as a colleague left it; its contact was read above.
            current = Intervention.objects.select_related("handler", "opened_by").get(pk=pk)
            current.contact = intervention.contact
            intervention = current
            form, conflict = versions.conflict(
                form, current=intervention, fields=CLOSE_CONFLICT_FIELDS,
                make_form=lambda data: CloseForm(data, instance=intervention),
                message=_("Someone else changed this intervention meanwhile. Check it, then close it again."),
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
        "conflict": conflict,
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
    form = InterventionOpenForm(form_data(request))
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


def _known_phone(contact) -> str:
    """The number the telephone system reported for the intervention's call, if it came from one."""
    call = CallEvent.objects.filter(contact=contact).first()
    return call.number if call is not None else ""


@role_required(*HOTLINE_ROLES)
@require_http_methods(["GET", "POST"])
def intervention_register(request: HttpRequest, pk: int) -> HttpResponse:
    """An anonymous intervention becomes a person and a case in one step, or is linked to a person on file.

    What the intervention knows comes along: its contact (and so the intervention) is linked to the
    person and the case, the contact's language becomes the person's, the interpreter need too, the
    telephone system's number the person's phone. The duplicate check runs first (it spends from the
    look-up budget like any person search); the worker then chooses a record it found or confirms
    the new one. Everything is saved together or not at all.
    """
    intervention = get_intervention_for(request, pk, details={"form": "register"})
    contact = intervention.contact
    if not contact.full:
        audit.note_denied(
            request, object_type="intervention", object_ids=[intervention.pk],
            related=[("contact", contact.pk)], details={"full": False, "form": "register"},
        )  # fmt: skip
        raise PermissionDenied
    if not contact.is_anonymous:
        messages.info(request, _("This intervention is already linked to a person."))
        return redirect("hotline:intervention", pk=pk)
    initial = {"version": contact.version, "phone": _known_phone(contact)}
    form = InterventionRegisterForm(form_data(request), initial=initial, request=request)
    duplicates = None
    status = 200
    if request.method == "POST" and form.is_valid():
        response, duplicates, status = _register(request, form, intervention)
        if response is not None:
            return response
    elif request.method == "POST":
        status = 422
    context = {"intervention": intervention, "contact": contact, "form": form, "duplicates": duplicates}
    return render(request, "hotline/intervention_register.html", context, status=status)


def _register(
    request: HttpRequest, form: InterventionRegisterForm, intervention: Intervention
) -> tuple[HttpResponse | None, list | None, int]:
    data = form.cleaned_data
    contact = intervention.contact
    person = form.link_person
    case = form.link_case
    if person is None:
        person = form.new_person(request.user, contact)
        if not data["confirm_new"]:
            if not ratelimit.spend_lookup(user=request.user):
                ratelimit.record_refused_lookup(request=request, lookup="duplicate_check")
                form.add_error(None, ratelimit.LOOKUP_REFUSED)
                return None, None, 429
            candidates = people_services.possible_duplicates(
                names=person.name_variants(), phones=[data["phone"]] if data["phone"] else []
            )
            duplicates = duplicate_rows_for(request, candidates)
            if duplicates:
                form.data = form.data.copy()
                form.data["confirm_new"] = "on"
                return None, duplicates, 200
    created = form.link_person is None
    try:
        # The person, the case and the link of the contact: all of them or none.
        with transaction.atomic():
            if created:
                channels = (
                    [ContactChannel(kind=ChannelKind.PHONE, value=data["phone"], safety=Safety.UNKNOWN)]
                    if data["phone"]
                    else []
                )
                people_services.person_register(person=person, channels=channels)
                case = case_services.case_open(
                    case=Case(
                        person=person, case_manager=data["case_manager"], phase=data["phase"],
                        kind=CaseKind.SUPPORT,
                    )
                )  # fmt: skip
            services.contact_link(contact=contact, person=person, case=case, expected_version=data["version"])
    except versions.StaleVersion:
        form.add_error(None, _("A colleague linked this intervention meanwhile. Look at it again."))
        return None, None, 409
    except ValidationError as error:
        form.add_error(None, error)
        return None, None, 422
    refs = [("person", person.pk), *([("case", case.pk)] if case else [])]
    if created:
        audit.record(
            request=request, action="create", object_type="person", object_ids=[person.pk],
            details={"intervention": intervention.pk},
        )  # fmt: skip
        audit.record(
            request=request, action="create", object_type="case", object_ids=[case.pk],
            related=[("person", person.pk)], details={"intervention": intervention.pk},
        )  # fmt: skip
    audit.record(
        request=request, action="update", object_type="contact", object_ids=[contact.pk],
        related=refs, details={"linked": True, "intervention": intervention.pk, "new_person": created},
    )  # fmt: skip
    if case is not None:
        messages.success(
            request, _("The intervention now belongs to case %(number)s.") % {"number": case.number}
        )
    else:
        messages.success(request, _("The intervention is linked to the person."))
    return redirect("hotline:intervention", pk=intervention.pk), None, 302
