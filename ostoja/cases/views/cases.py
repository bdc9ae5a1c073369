"""Case pages: my cases, opening a case, the case file with its timeline and notes, edits, break-glass."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.audit.forms import BreakGlassForm
from ostoja.cases import extensions, services, timeline
from ostoja.cases.access import Level, get_case_for, get_person_for, visible_cases
from ostoja.cases.forms import CaseEditForm, NoteForm, OpenCaseForm
from ostoja.cases.models import Case
from ostoja.people.services import StaleVersion
from ostoja.web import once

STAFF = tuple(Role.values)


@role_required(*STAFF)
def case_list(request: HttpRequest) -> HttpResponse:
    scope = request.GET.get("scope", "mine")
    cases = visible_cases(request.user).select_related("case_manager")
    if scope == "mine":
        cases = cases.filter(pk__in=Case.objects.on_team_of(request.user).values("pk"))
    if request.GET.get("status") == "closed":
        cases = cases.filter(status__in=["closed", "closed_referred"])
    else:
        cases = cases.open()
    page = Paginator(cases.order_by("-opened_on", "-pk"), 25).get_page(request.GET.get("page"))
    audit.record(request=request, action="list", object_type="case", object_ids=[c.pk for c in page])
    return render(
        request,
        "cases/case_list.html",
        {"page": page, "scope": scope, "status": request.GET.get("status", "open")},
    )


@role_required(Role.CASE_MANAGER, Role.SUPERVISOR, Role.DUTY_WORKER)
@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest, person_pk: int) -> HttpResponse:
    # The form shows the person's name, so every request to it is an audited read.
    person = get_person_for(request, person_pk)
    initial = {
        "token": once.new_token(),
        "case_manager": request.user.pk if request.user.has_role(Role.CASE_MANAGER) else None,
    }
    form = OpenCaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = once.already_submitted(form.cleaned_data["token"])
        if done:
            return redirect(done)
        case = form.save(commit=False)
        case.person = person
        try:
            services.case_open(case=case, members=list(form.cleaned_data["members"]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            url = reverse("cases:case_detail", args=[case.pk])
            if not once.claim(form.cleaned_data["token"], url):
                transaction.set_rollback(True)
                return redirect(once.already_submitted(form.cleaned_data["token"]) or "cases:case_list")
            audit.record(
                request=request,
                action="create",
                object_type="case",
                object_ids=[case.pk],
                related=[("person", person.pk)],
            )
            messages.success(request, _("Case %(number)s is open.") % {"number": case.number})
            return redirect(url)
    return render(request, "cases/case_open.html", {"form": form, "person": person})


@role_required(*STAFF)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, need=Level.EXISTENCE)
    if case.access_level < Level.FULL:
        return _limited_view(request, case, BreakGlassForm())
    return _case_file(request, case, NoteForm(initial={"token": once.new_token()}))


def _case_file(request: HttpRequest, case: Case, note_form: NoteForm, status: int = 200) -> HttpResponse:
    context = {
        "case": case,
        "person": case.person,
        "protocol": getattr(case.person, "protocol", None),
        "members": list(case.members.select_related("user")),
        "entries": timeline.timeline(case),
        "note_form": note_form,
        "seen_by": audit.seen_by(object_type="case", object_id=case.pk, limit=20),
        "grant": audit.active_grant(user=request.user, object_type="case", object_id=case.pk),
        "sections": extensions.sections_for(request, case),
    }
    return render(request, "cases/case_detail.html", context, status=status)


def _limited_view(request: HttpRequest, case: Case, form: BreakGlassForm, status: int = 200) -> HttpResponse:
    """The duty card for duty workers, otherwise only that the case exists; both offer break-glass."""
    template = "cases/duty_card.html" if case.access_level >= Level.DUTY_CARD else "cases/case_existence.html"
    context = {
        "case": case,
        "person": case.person,
        "protocol": getattr(case.person, "protocol", None),
        "break_glass_form": form,
    }
    return render(request, template, context, status=status)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, audit_action="")
    before = services.case_snapshot(case)
    members = [m.user for m in case.members.select_related("user")]
    form = CaseEditForm(
        request.POST or None, instance=case, initial={"version": case.version, "members": members}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.case_update(
                case=form.instance, actor=request.user, expected_version=form.cleaned_data["version"],
                before=before, members=list(form.cleaned_data["members"]),
            )  # fmt: skip
        except StaleVersion:
            current = Case.objects.get(pk=pk)
            conflict = {
                "current": services.case_snapshot(current),
                "labels": {f: str(Case._meta.get_field(f).verbose_name) for f in services.TRACKED_FIELDS},
            }
            data = form.data.copy()
            data["version"] = current.version
            form = CaseEditForm(data, instance=current)
            form.is_valid()
            form.add_error(
                None,
                _("Someone else saved this case while you were editing. Compare below, then save again."),
            )
        else:
            audit.record(
                request=request,
                action="update",
                object_type="case",
                object_ids=[case.pk],
                details={"fields": changed},
            )
            messages.success(request, _("Changes saved."))
            return redirect("cases:case_detail", pk=pk)
    # Whatever the outcome, the page shows the record: an audited read.
    audit.record(
        request=request, action="view", object_type="case", object_ids=[case.pk], details={"form": "edit"}
    )
    return render(request, "cases/case_edit.html", {"form": form, "case": case, "conflict": conflict})


@role_required(*STAFF)
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, audit_action="")
    form = NoteForm(request.POST)
    if form.is_valid():
        if once.already_submitted(form.cleaned_data["token"]):
            return redirect("cases:case_detail", pk=pk)
        note = services.note_add(case=case, author=request.user, text=form.cleaned_data["text"])
        once.claim(form.cleaned_data["token"], reverse("cases:case_detail", args=[pk]))
        audit.record(
            request=request,
            action="create",
            object_type="note",
            object_ids=[note.pk],
            related=[("case", case.pk)],
        )
        messages.success(request, _("Note added."))
        return redirect("cases:case_detail", pk=pk)
    audit.record(request=request, action="view", object_type="case", object_ids=[case.pk])
    return _case_file(request, case, form, status=400)


@role_required(*STAFF)
@require_POST
def break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, need=Level.EXISTENCE, audit_action="")
    if case.access_level >= Level.FULL:
        return redirect("cases:case_detail", pk=pk)
    form = BreakGlassForm(request.POST)
    if form.is_valid():
        audit.break_glass_start(
            request=request, object_type="case", object_id=case.pk, reason=form.cleaned_data["reason"]
        )
        messages.warning(
            request, _("Break-glass access granted for a limited time. Your supervisor has been told.")
        )
        return redirect("cases:case_detail", pk=pk)
    return _limited_view(request, case, form, status=400)


@role_required(*STAFF)
@require_POST
def break_glass_end(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, audit_action="")
    grant = audit.active_grant(user=request.user, object_type="case", object_id=case.pk)
    if grant:
        audit.break_glass_end(grant=grant, reason="ended by user", request=request)
        messages.success(request, _("Break-glass access ended."))
    return redirect("cases:case_list")
