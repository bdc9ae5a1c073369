"""Meetings, scheduled by the case team only. There is no page through which anyone outside books one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, get_case_for
from ostoja.hotline import meetings as services
from ostoja.hotline.access import get_meeting_for
from ostoja.hotline.forms import MeetingEditForm, MeetingForm
from ostoja.hotline.models import Meeting
from ostoja.http import form_data
from ostoja.web import once


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def meeting_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, Perm.CONTACT, details={"form": "meeting"})
    form = MeetingForm(form_data(request), initial={"token": once.new_token()})
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.case = case
        try:
            with transaction.atomic():
                services.meeting_schedule(
                    meeting=meeting, staff=list(form.cleaned_data["staff"]), created_by=request.user
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            audit.record(
                request=request, action="create", object_type="meeting", object_ids=[meeting.pk],
                related=[("case", case.pk), ("person", case.person_id)],
            )  # fmt: skip
            messages.success(request, _("The meeting is scheduled."))
            return redirect("hotline:meeting", pk=meeting.pk)
    return render(request, "hotline/meeting_form.html", {"form": form, "case": case, "meeting": None})


@role_required(*STAFF)
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk)
    return render(
        request,
        "hotline/meeting_detail.html",
        {
            "meeting": meeting,
            "case": meeting.case,
            "staff": list(meeting.staff.order_by("last_name", "username")),
        },
    )


MEETING_FIELDS = [*MeetingEditForm.Meta.fields]


def _edit_form(data, meeting: Meeting) -> MeetingEditForm:
    return MeetingEditForm(
        data, instance=meeting,
        initial={"staff": list(meeting.staff.values_list("pk", flat=True)), "version": meeting.version},
    )  # fmt: skip


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for(request, pk, Perm.CONTACT, details={"form": "edit"})
    before = meeting.starts_at
    form = _edit_form(form_data(request), meeting)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = [f for f in form.changed_data if f not in ("staff", "version")]
        try:
            with transaction.atomic():
                services.meeting_update(
                    meeting=form.instance, staff=list(form.cleaned_data["staff"]), fields=fields or ["status"],
                    moved=form.instance.starts_at != before, expected_version=form.cleaned_data["version"],
                )  # fmt: skip
        except versions.StaleVersion:
            current = Meeting.objects.get(pk=pk)
            form, conflict = versions.conflict(
                form, current=current, fields=MEETING_FIELDS, make_form=lambda data: _edit_form(data, current)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            audit.record(
                request=request, action="update", object_type="meeting", object_ids=[meeting.pk],
                related=[("case", meeting.case_id)], details={"fields": form.changed_data},
            )  # fmt: skip
            messages.success(request, _("Changes saved."))
            return redirect("hotline:meeting", pk=pk)
    return render(
        request,
        "hotline/meeting_form.html",
        {"form": form, "case": meeting.case, "meeting": meeting, "conflict": conflict},
    )


@role_required(*STAFF)
@require_GET
def my_meetings(request: HttpRequest) -> HttpResponse:
    """My upcoming meetings: case number, time and kind of place only."""
    meetings = Meeting.objects.upcoming().filter(staff=request.user).select_related("case")
    page = Paginator(meetings, 25).get_page(request.GET.get("page"))
    audit.record(
        request=request, action="list", object_type="meeting", object_ids=[m.pk for m in page],
        related=[("case", m.case_id) for m in page],
    )  # fmt: skip
    return render(request, "hotline/my_meetings.html", {"page": page})
