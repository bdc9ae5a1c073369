"""Case pages: my cases, opening a case, the case file with its timeline and notes, edits, break-glass."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja import plugins, versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF, Role
from ostoja.audit import services as audit
from ostoja.audit.forms import BreakGlassForm
from ostoja.cases import services, timeline, worklist
from ostoja.cases.access import Perm, Reason, get_case_for, get_person_for
from ostoja.cases.codes import Phase
from ostoja.cases.forms import CaseEditForm, CloseForm, NoteForm, OpenCaseForm, ReopenForm
from ostoja.cases.models import Case
from ostoja.http import form_data
from ostoja.paging import UncountedPaginator
from ostoja.web import once


@role_required(*STAFF)
def case_list(request: HttpRequest) -> HttpResponse:
    """My cases as a worklist (or every case the user may see): name, risk, phase and status, last
    contact, next step and open tasks; filtered and ordered by the query string."""
    params = request.GET
    scope = "all" if params.get("scope") == "all" else "mine"
    status = params.get("status") if params.get("status") in worklist.STATUSES else "active"
    phase = params.get("phase", "") if params.get("phase") in Phase.values else ""
    order = params.get("order", "recent") if params.get("order") in worklist.ORDERS else "recent"
    flagged = params.get("flagged") == "1"
    cases = worklist.worklist(
        request.user, scope=scope, status=status, phase=phase, flagged=flagged, order=order
    )
    page = UncountedPaginator(cases, 25).get_page(params.get("page"))
    audit.record(
        request=request, action="list", object_type="case", object_ids=[c.pk for c in page],
        related=[("person", c.person_id) for c in page],
    )  # fmt: skip
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page, "rows": worklist.rows(list(page)), "scope": scope, "status": status, "phase": phase,
            "order": order, "flagged": flagged, "phases": Phase.choices, "today": timezone.localdate(),
        },
    )  # fmt: skip


@role_required(Role.SUPERVISOR)
def workload(request: HttpRequest) -> HttpResponse:
    """Across case managers: open cases, high-risk cases, overdue tasks (one query per column)."""
    columns, rows = worklist.workload()
    return render(request, "cases/workload.html", {"columns": columns, "rows": rows})


@role_required(Role.CASE_MANAGER, Role.SUPERVISOR, Role.DUTY_WORKER)
@require_http_methods(["GET", "POST"])
@once.creates
def case_open(request: HttpRequest, person_pk: int) -> HttpResponse:
    # The form shows the person's name, so every request to it is an audited read.
    person = get_person_for(request, person_pk, Perm.CHANGE, details={"form": "open_case"})
    initial = {
        "token": once.new_token(),
        "case_manager": request.user.pk if request.user.has_role(Role.CASE_MANAGER) else None,
    }
    form = OpenCaseForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.person = person
        try:
            services.case_open(case=case, members=list(form.cleaned_data["members"]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            audit.record(
                request=request,
                action="create",
                object_type="case",
                object_ids=[case.pk],
                related=[("person", person.pk)],
            )
            messages.success(request, _("Case %(number)s is open.") % {"number": case.number})
            return redirect("cases:case_detail", pk=case.pk)
    return render(request, "cases/case_open.html", {"form": form, "person": person})


@role_required(*STAFF)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = CaseFilePage(request)
    case = get_case_for(request, pk, Perm.EXISTS, shows=page.load)
    if not case.access.can(Perm.VIEW):
        return _limited_view(request, case, BreakGlassForm())
    form = NoteForm(initial={"token": once.new_token()}, disciplines=case.access.disciplines)
    return page.render(case, form)


PERIODS = {"30": 30, "90": 90, "365": 365}


class CaseFilePage:
    """The case file beyond the case itself: the timeline page, the apps' sections, the team.

    ``load`` runs inside the access helper once access is granted, so that the ids of what the page
    shows go into the case's audit row.
    """

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.context: dict = {}

    def _window(self) -> tuple[datetime | None, datetime | None, str]:
        params = self.request.GET
        period = params.get("period", "")
        since = timezone.now() - timedelta(days=PERIODS[period]) if period in PERIODS else None
        try:
            until = datetime.fromisoformat(params.get("before", ""))
        except ValueError:
            until = None
        if until is not None and timezone.is_naive(until):
            until = None
        return until, since, period if period in PERIODS else ""

    def load(self, case: Case) -> list[tuple[str, int]]:
        if not case.access.can(Perm.VIEW):
            return []
        until, since, period = self._window()
        case.loads = {}  # the timeline and the sections share what they load (timeline.case_rows)
        entries = timeline.page(case, case.access, until=until, since=since)
        sections = [
            {"key": s.key, "title": s.title, "template": s.template, **s.context(self.request, case)}
            for s in plugins.case_sections()
            if plugins.allowed(self.request.user, s.roles)
        ]
        older = urlencode({"before": entries.older.isoformat(), "period": period}) if entries.older else ""
        self.context = {
            "members": list(case.members.select_related("user")),
            "entries": entries.entries,
            "older_query": older,
            "newest_query": urlencode({"period": period}) if until else "",
            "period": period,
            "periods": [
                ("", _("Everything")),
                ("30", _("30 days")),
                ("90", _("90 days")),
                ("365", _("A year")),
            ],
            "sections": sections,
        }
        return [*entries.refs, *(ref for section in sections for ref in section.get("shown", ()))]

    def render(self, case: Case, note_form: NoteForm, status: int = 200) -> HttpResponse:
        context = {
            **self.context,
            "case": case,
            "person": case.person,
            "protocol": getattr(case.person, "protocol", None),
            "note_form": note_form,
            "seen_by": audit.seen_by(object_type="case", object_id=case.pk, limit=20),
            # The access helper has just looked for the viewer's grant: read it again only if there is one.
            "grant": audit.active_grant(user=self.request.user, object_type="case", object_id=case.pk)
            if Reason.BREAK_GLASS in case.access.reasons
            else None,
            "may_change": case.access.can(Perm.CHANGE),
            "flags": plugins.case_flags([case.pk]).get(case.pk, []),
        }
        return render(self.request, "cases/case_detail.html", context, status=status)


def _limited_view(request: HttpRequest, case: Case, form: BreakGlassForm, status: int = 200) -> HttpResponse:
    """The duty card for duty workers, otherwise only that the case exists; both offer break-glass."""
    template = "cases/duty_card.html" if case.access.can(Perm.DUTY_CARD) else "cases/case_existence.html"
    context = {
        "case": case,
        "person": case.person,
        "protocol": getattr(case.person, "protocol", None),
        "break_glass_form": form,
        # A high risk is what a duty worker must know first; the existence page shows no more than before.
        "flags": plugins.case_flags([case.pk]).get(case.pk, []) if case.access.can(Perm.DUTY_CARD) else [],
    }
    return render(request, template, context, status=status)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, Perm.CHANGE, details={"form": "edit"})
    manage_team = case.access.can(Perm.MANAGE_TEAM)
    before = services.case_snapshot(case)
    members = [m.user for m in case.members.select_related("user")]
    form = CaseEditForm(
        form_data(request), instance=case, initial={"version": case.version, "members": members},
        manage_team=manage_team,
    )  # fmt: skip
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.case_update(
                case=form.instance, actor=request.user, expected_version=form.cleaned_data["version"],
                before=before, members=list(form.cleaned_data["members"]) if manage_team else None,
            )  # fmt: skip
        except versions.StaleVersion:
            current = Case.objects.get(pk=pk)
            form, conflict = versions.conflict(
                form, current=current, fields=services.TRACKED_FIELDS,
                make_form=lambda data: CaseEditForm(
                    data, instance=current, initial={"members": members}, manage_team=manage_team
                ),
                message=_("Someone else saved this case while you were editing. Compare below, then save again."),
            )  # fmt: skip
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
    return render(request, "cases/case_edit.html", {"form": form, "case": case, "conflict": conflict})


def _stale(form, message: str):
    form.add_error(None, message)
    return form


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing asks for the outcome and the reason, and lists what is still open on the case first."""
    case = get_case_for(request, pk, Perm.CHANGE, details={"form": "close"})
    if case.is_closed:
        return redirect("cases:case_detail", pk=pk)
    checks = plugins.closing_checks(case)
    form = CloseForm(form_data(request), checks=checks, initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.case_close(
                case=case, actor=request.user, status=data["outcome"], reason=data["reason"], note=data["note"],
                expected_version=data["version"], before=services.case_snapshot(case),
            )  # fmt: skip
        except versions.StaleVersion:
            form = _stale(
                form, _("Someone else changed this case while you were closing it. Check it and close again.")
            )
        else:
            audit.record(
                request=request, action="update", object_type="case", object_ids=[case.pk],
                related=[("person", case.person_id)], details={"fields": changed, "closed": True},
            )  # fmt: skip
            messages.success(request, _("The case is closed."))
            return redirect("cases:case_detail", pk=pk)
    return render(
        request, "cases/case_close.html", {"case": case, "form": form, "checks": checks},
        status=400 if form.is_bound else 200,
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, Perm.CHANGE, details={"form": "reopen"})
    if not case.is_closed:
        return redirect("cases:case_detail", pk=pk)
    form = ReopenForm(form_data(request), initial={"version": case.version})
    if request.method == "POST" and form.is_valid():
        try:
            note = services.case_reopen(
                case=case, actor=request.user, reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"], before=services.case_snapshot(case),
            )  # fmt: skip
        except versions.StaleVersion:
            form = _stale(form, _("Someone else changed this case meanwhile. Check it and reopen again."))
        else:
            audit.record(
                request=request, action="update", object_type="case", object_ids=[case.pk],
                related=[("person", case.person_id), ("note", note.pk)], details={"reopened": True},
            )  # fmt: skip
            messages.success(request, _("The case is open again."))
            return redirect("cases:case_detail", pk=pk)
    return render(
        request, "cases/case_reopen.html", {"case": case, "form": form}, status=400 if form.is_bound else 200
    )


@role_required(*STAFF)
@require_POST
@once.creates
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, Perm.NOTE, details={"form": "note"})
    form = NoteForm(request.POST, disciplines=case.access.disciplines)
    if form.is_valid():
        note = services.note_add(
            case=case, author=request.user, text=form.cleaned_data["text"],
            confidential_to=form.cleaned_data["confidential_to"],
        )  # fmt: skip
        audit.record(
            request=request,
            action="create",
            object_type="note",
            object_ids=[note.pk],
            related=[("case", case.pk)],
        )
        messages.success(request, _("Note added."))
        return redirect("cases:case_detail", pk=pk)
    # The form comes back on the case file: a read of the page, with what it shows.
    page = CaseFilePage(request)
    case = get_case_for(request, pk, Perm.VIEW, details={"form": "note", "invalid": True}, shows=page.load)
    return page.render(case, form, status=400)


@role_required(*STAFF)
@require_POST
def break_glass(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for(request, pk, Perm.EXISTS, details={"form": "break_glass"})
    if case.access.can(Perm.VIEW):
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
    case = get_case_for(request, pk, Perm.EXISTS, details={"form": "break_glass_end"})
    grant = audit.active_grant(user=request.user, object_type="case", object_id=case.pk)
    if grant:
        audit.break_glass_end(grant=grant, reason="ended by user", request=request)
        messages.success(request, _("Break-glass access ended."))
    return redirect("cases:case_list")
