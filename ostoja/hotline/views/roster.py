"""The duty roster: the coming 14 days with gaps, adding and removing shifts, swaps, calendar feeds."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ostoja import dates
from ostoja.accounts.access import public, role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.audit.models import Action
from ostoja.hotline import calendar, codes, roster
from ostoja.hotline.access import ROSTER_EDITORS
from ostoja.hotline.forms import ShiftForm, SwapForm
from ostoja.hotline.models import CalendarFeed, Shift, ShiftSwap
from ostoja.http import form_data


@role_required(*STAFF)
@require_GET
def roster_page(request: HttpRequest) -> HttpResponse:
    """Everyone sees the roster (names of staff only, nothing about the persons helped)."""
    start, end = roster.roster_window()
    shifts = list(Shift.objects.overlapping(start, end).select_related("user").order_by("starts_at", "pk"))
    offered = set(
        ShiftSwap.objects.filter(shift__in=shifts, status=codes.SwapStatus.PROPOSED).values_list(
            "shift_id", flat=True
        )
    )
    days: dict = {}
    for shift in shifts:
        shift.offered = shift.pk in offered
        # A start no calendar can hold (stored by hand or by an old version) is listed under the first day.
        day = dates.local(max(shift.starts_at, start)) or timezone.localtime(start)
        days.setdefault(day.date(), []).append(shift)
    incoming = list(
        ShiftSwap.objects.filter(
            Q(offered_to=request.user) | Q(offered_by=request.user), status=codes.SwapStatus.PROPOSED
        ).select_related("shift", "offered_by", "offered_to")
    )
    found_gaps = roster.gaps(start, end, shifts)
    context = {
        "days": sorted(days.items()),
        "gaps": found_gaps,
        "grid": roster.grid(start, end, shifts, found_gaps),
        "kinds": codes.ShiftKind.choices,
        "start": start,
        "end": end,
        "swaps": incoming,
        "may_edit": request.user.has_role(*ROSTER_EDITORS),
    }
    return render(request, "hotline/roster.html", context)


@role_required(*ROSTER_EDITORS)
@require_http_methods(["GET", "POST"])
def shift_new(request: HttpRequest) -> HttpResponse:
    initial = {}
    for name in ("starts_at", "ends_at"):
        value = request.GET.get(name, "")
        if value:
            initial[name] = value
    form = ShiftForm(form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            roster.shift_add(
                user=data["user"], kind=data["kind"], starts_at=data["starts_at"], ends_at=data["ends_at"],
                created_by=request.user, request=request,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The shift is on the roster."))
            return redirect("hotline:roster")
    return render(request, "hotline/simple_form.html", {"form": form, "title": _("Add a shift")})


@role_required(*ROSTER_EDITORS)
@require_POST
def shift_delete(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(Shift, pk=pk)
    roster.shift_remove(shift=shift, request=request)
    messages.success(request, _("The shift is removed."))
    return redirect("hotline:roster")


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def swap_offer(request: HttpRequest, pk: int) -> HttpResponse:
    shift = Shift.objects.filter(pk=pk, user=request.user).first()
    if shift is None:
        raise Http404
    form = SwapForm(form_data(request), shift=shift)
    if request.method == "POST" and form.is_valid():
        try:
            roster.swap_offer(
                shift=shift,
                offered_by=request.user,
                offered_to=form.cleaned_data["offered_to"],
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The shift is offered. It changes hands when your colleague accepts.")
            )
            return redirect("hotline:roster")
    return render(
        request,
        "hotline/simple_form.html",
        {"form": form, "title": _("Offer your shift to a colleague"), "shift": shift},
    )


@role_required(*STAFF)
@require_POST
def swap_decide(request: HttpRequest, pk: int) -> HttpResponse:
    swap = (
        ShiftSwap.objects.filter(pk=pk)
        .filter(Q(offered_to=request.user) | Q(offered_by=request.user))
        .first()
    )
    if swap is None:
        raise Http404
    accept = request.POST.get("decision") == "accept"
    try:
        roster.swap_decide(swap_id=swap.pk, user=request.user, accept=accept, request=request)
    except ValidationError as error:
        messages.warning(request, " ".join(error.messages))
    else:
        messages.success(request, _("The shift is yours.") if accept else _("Done."))
    return redirect("hotline:roster")


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def feed_settings(request: HttpRequest) -> HttpResponse:
    """The worker's private calendar address: made, shown once, replaced or switched off here."""
    secret = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            roster.feed_revoke(user=request.user, request=request)
            messages.success(request, _("Your calendar address no longer works."))
            return redirect("hotline:feed")
        secret = roster.feed_create(user=request.user, request=request)
    active = CalendarFeed.objects.filter(user=request.user, revoked_at__isnull=True).first()
    url = request.build_absolute_uri(reverse("hotline:feed_ics", args=[secret])) if secret else None
    return render(request, "hotline/feed.html", {"active": active, "url": url})


@public
@require_GET
def feed_ics(request: HttpRequest, secret: str) -> HttpResponse:
    """The iCalendar feed: public URL, authenticated by the secret in it; nothing about victims.

    Every fetch is audited as a read by the feed's owner (it names case numbers), with the
    address it came from, so a leaked address shows up as reads from somewhere unexpected.
    """
    feed = roster.feed_for(secret)
    if feed is None:
        raise Http404
    user = feed.user
    now = timezone.now()
    shifts = list(
        Shift.objects.filter(
            user=user, ends_at__gte=now - timedelta(days=30), starts_at__lte=now + timedelta(days=120)
        )
    )
    meetings = list(calendar.meetings_for(user, now))
    audit.record(
        request=request, actor=user, action=Action.VIEW, object_type="calendar_feed", object_ids=[feed.pk],
        related=[("shift", s.pk) for s in shifts] + [("meeting", m.pk) for m in meetings]
        + [("case", m.case_id) for m in meetings],
        details={"shifts": len(shifts), "meetings": len(meetings)},
    )  # fmt: skip
    body = calendar.feed(user=user, shifts=shifts, meetings=meetings)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ostoja.ics"'
    return response
