"""Meetings, scheduled by the case team only. There is no page through which anyone outside books one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ostoja.accounts.access import role_required
from ostoja.audit import services as audit
from ostoja.cases.access import get_case_for
from ostoja.hotline import meetings as services
from ostoja.hotline.access import STAFF
from ostoja.hotline.forms import MeetingEditForm, MeetingForm
from ostoja.hotline.models import Meeting
from ostoja.web import once


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk)
    form = MeetingForm(request.POST or None, initial={"token": once.new_token()})
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data.get("token") or ""
        done = once.already_submitted(token) if token else None
        if done:
            return redirect(done)
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
            url = reverse("hotline:meeting", args=[meeting.pk])
            if token and not once.claim(token, url):
                transaction.set_rollback(True)
                return redirect(once.already_submitted(token) or "cases:case_detail", pk=case.pk)
            audit.record(
                request=request, action="create", object_type="meeting", object_ids=[meeting.pk],
                related=[("case", case.pk), ("person", case.person_id)],
            )  # fmt: skip
            messages.success(request, _("The meeting is scheduled."))
            return redirect(url)
    return render(request, "hotline/meeting_form.html", {"form": form, "case": case, "meeting": None})


def _get_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = Meeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise Http404
    meeting.case = get_case_for(request, meeting.case_id)
    return meeting


@role_required(*STAFF)
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    audit.record(
        request=request,
        action="view",
        object_type="meeting",
        object_ids=[meeting.pk],
        related=[("case", meeting.case_id)],
    )
    return render(
        request,
        "hotline/meeting_detail.html",
        {
            "meeting": meeting,
            "case": meeting.case,
            "staff": list(meeting.staff.order_by("last_name", "username")),
        },
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request, pk)
    before = meeting.starts_at
    form = MeetingEditForm(
        request.POST or None,
        instance=meeting,
        initial={"staff": list(meeting.staff.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        fields = [f for f in form.changed_data if f not in ("staff", "token")]
        try:
            with transaction.atomic():
                services.meeting_update(
                    meeting=form.instance, staff=list(form.cleaned_data["staff"]), fields=fields or ["status"],
                    moved=form.instance.starts_at != before,
                )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            audit.record(
                request=request, action="update", object_type="meeting", object_ids=[meeting.pk],
                related=[("case", meeting.case_id)], details={"fields": form.changed_data},
            )  # fmt: skip
            messages.success(request, _("Changes saved."))
            return redirect("hotline:meeting", pk=pk)
    audit.record(
        request=request, action="view", object_type="meeting", object_ids=[meeting.pk],
        related=[("case", meeting.case_id)], details={"form": "edit"},
    )  # fmt: skip
    return render(
        request, "hotline/meeting_form.html", {"form": form, "case": meeting.case, "meeting": meeting}
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
