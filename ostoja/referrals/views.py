"""Referrals of a case, their letters, and the consultations for other organisations."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ostoja import plugins, versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF, Role
from ostoja.audit import services as audit
from ostoja.cases.access import Perm, find_case_for, get_case_for
from ostoja.hotline.access import HOTLINE_ROLES
from ostoja.http import form_data
from ostoja.referrals import letters, services
from ostoja.referrals.access import get_consultation_for, get_incoming_for, get_referral_for
from ostoja.referrals.forms import (
    AcceptForm,
    AdvanceForm,
    ConsultationForm,
    IncomingContactForm,
    IncomingForm,
    LinkServiceForm,
    ReferralForm,
)
from ostoja.referrals.models import (
    Consultation,
    ConsultationTopic,
    IncomingReferral,
    IncomingStatus,
    Referral,
    Status,
)
from ostoja.web import once


def _add_errors(form, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _related(referral: Referral) -> list[tuple[str, int]]:
    return [("case", referral.case_id), ("person", referral.case.person_id)]


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def referral_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    case = get_case_for(request, case_pk, Perm.CHANGE, details={"form": "referral"})
    may_override = request.user.has_role(Role.SUPERVISOR)
    form = ReferralForm(
        form_data(request),
        instance=Referral(case=case),
        may_override=may_override,
        initial={"token": once.new_token()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_draft(
                referral=form.instance, actor=request.user, request=request,
                override_reason=form.cleaned_data.get("override_reason") or "",
            )  # fmt: skip
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The referral is drafted. Download the letter and send it by the partner's channel."),
            )
            return redirect("referrals:referral", pk=referral.pk)
    recent = list(
        Referral.objects.filter(case=case).select_related("partner").defer("situation", "override_reason", "feedback")
        .order_by("-created_at")[:20]
    )  # fmt: skip
    context = {"case": case, "form": form, "recent": recent}
    return render(request, "referrals/referral_new.html", context, status=400 if form.is_bound else 200)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = Perm.CHANGE if request.method == "POST" else Perm.VIEW
    referral = get_referral_for(request, pk, need)
    may_change = referral.case.access.can(Perm.CHANGE)
    form = None
    conflict = None
    link_form, linking = _link_form(request, referral, may_change)
    if linking:
        if link_form is not None and link_form.is_valid():
            try:
                services.link_service(referral=referral, service_id=link_form.cleaned_data["service"])
            except ValidationError as error:
                _add_errors(link_form, error)
            else:
                audit.record(
                    request=request, action="update", object_type="referral", object_ids=[referral.pk],
                    related=_related(referral), details={"linked_service": referral.service_id},
                )  # fmt: skip
                messages.success(
                    request,
                    _("The referral is linked to the service of the plan.")
                    if referral.service_id
                    else _("The referral is no longer linked to a service of the plan."),
                )
                return redirect("referrals:referral", pk=referral.pk)
        elif link_form is None:
            messages.info(request, _("This referral cannot be linked any more."))
            return redirect("referrals:referral", pk=referral.pk)
    elif may_change and referral.next_statuses():
        form = AdvanceForm(form_data(request), referral=referral, initial={"version": referral.version})
        if request.method == "POST" and form.is_valid():
            try:
                services.referral_advance(
                    referral=referral, to=form.cleaned_data["to"], actor=request.user,
                    expected_version=form.cleaned_data["version"], feedback=form.cleaned_data["feedback"],
                    follow_up_on=form.cleaned_data["follow_up_on"],
                )  # fmt: skip
            except versions.StaleVersion:
                conflict = True
                form.add_error(
                    None, _("Someone else changed this referral meanwhile. Check its status and try again.")
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                audit.record(
                    request=request, action="update", object_type="referral", object_ids=[referral.pk],
                    related=_related(referral), details={"status": referral.status},
                )  # fmt: skip
                messages.success(
                    request, _("The referral is now: %(status)s.") % {"status": referral.get_status_display()}
                )
                return redirect("referrals:referral", pk=referral.pk)
    elif request.method == "POST":
        messages.info(request, _("This referral cannot change any more."))
        return redirect("referrals:referral", pk=referral.pk)
    if form is None and may_change and referral.next_statuses():
        form = AdvanceForm(referral=referral, initial={"version": referral.version})
    context = {
        "referral": referral, "case": referral.case, "form": form, "conflict": conflict, "may_change": may_change,
        "rows": letters.letter_rows(referral) if referral.case.access.can(Perm.VIEW) else [],
        "link_form": link_form, "linked": _linked_label(referral),
    }  # fmt: skip
    bound = (form is not None and form.is_bound) or (link_form is not None and link_form.is_bound)
    return render(request, "referrals/referral_detail.html", context, status=400 if bound else 200)


def _link_form(
    request: HttpRequest, referral: Referral, may_change: bool
) -> tuple[LinkServiceForm | None, bool]:
    """The control linking an open referral to a service of the plan, and whether this POST is for it."""
    linking = request.method == "POST" and "link" in request.POST
    hook = plugins.support_services()
    if not may_change or hook is None or not referral.is_open:
        return None, linking
    choices = hook.choices(referral.case)
    data = request.POST if linking else None
    return LinkServiceForm(data, choices=choices, initial={"service": referral.service_id}), linking


def _linked_label(referral: Referral) -> str:
    """The linked service in words, or "" (a service no longer in the plan's current version: by its kind)."""
    if referral.service_id is None:
        return ""
    hook = plugins.support_services()
    labels = dict(hook.choices(referral.case)) if hook is not None else {}
    return labels.get(referral.service_id, _("a goal of an earlier version of the plan"))


@role_required(*STAFF)
@require_GET
def referral_letter(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_referral_for(request, pk, Perm.CHANGE, action="download", details={"letter": True})
    if referral.status == Status.STOPPED:
        messages.error(request, _("The consent for this referral was withdrawn: no letter can be made."))
        return redirect("referrals:referral", pk=referral.pk)
    pdf = letters.letter_pdf(referral)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="referral-{referral.case.number.replace("/", "-")}-{referral.letter_language}.pdf"'
    )
    return response


# Consultations for other organisations


def _period(request: HttpRequest) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, today.year - 30), today.year)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


@role_required(*STAFF)
@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    since, until = _period(request)
    rows = (
        Consultation.objects.filter(held_on__gte=since, held_on__lte=until)
        .select_related("organisation", "recorded_by")
        .defer("question", "advice", "follow_up")
        .order_by("-held_on", "-pk")
    )
    page = _page(rows, request)
    audit.record(
        request=request, action="list", object_type="consultation", object_ids=[c.pk for c in page["rows"]],
        details={"year": since.year},
    )  # fmt: skip
    counts = services.consultation_counts(since=since, until=until)
    topics = [(label, counts["per_topic"].get(code, 0)) for code, label in ConsultationTopic.choices]
    context = {"page": page, "counts": counts, "topics": topics, "year": since.year}
    return render(request, "referrals/consultation_list.html", context)


def _page(rows, request: HttpRequest) -> dict:
    """A page of 50 without counting the whole list: one row more tells whether a next page exists."""
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        number = 1
    found = list(rows[(number - 1) * 50 : number * 50 + 1])
    return {"rows": found[:50], "number": number, "has_next": len(found) > 50, "has_previous": number > 1}


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def consultation_new(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(
        form_data(request), initial={"token": once.new_token(), "held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        form.instance.recorded_by = request.user
        consultation = form.save()
        audit.record(
            request=request, action="create", object_type="consultation", object_ids=[consultation.pk]
        )
        messages.success(request, _("The consultation is logged."))
        return redirect("referrals:consultation", pk=consultation.pk)
    return render(
        request, "referrals/consultation_form.html", {"form": form}, status=400 if form.is_bound else 200
    )


@role_required(*STAFF)
@require_GET
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request, "referrals/consultation_detail.html", {"consultation": get_consultation_for(request, pk)}
    )


# Incoming referrals


@role_required(*HOTLINE_ROLES)
@require_GET
def incoming_list(request: HttpRequest) -> HttpResponse:
    rows = IncomingReferral.objects.select_related("partner", "case", "received_by").order_by(
        "-received_at", "-pk"
    )
    waiting = list(rows.filter(status=IncomingStatus.RECEIVED)[:50])
    page = _page(rows.exclude(status=IncomingStatus.RECEIVED), request)
    shown = [*waiting, *page["rows"]]
    audit.record(
        request=request, action="list", object_type="incoming_referral", object_ids=[r.pk for r in shown],
        related=[("case", r.case_id) for r in shown if r.case_id],
    )  # fmt: skip
    return render(request, "referrals/incoming_list.html", {"waiting": waiting, "page": page})


@role_required(*HOTLINE_ROLES)
@require_http_methods(["GET", "POST"])
@once.creates
def incoming_new(request: HttpRequest) -> HttpResponse:
    data = form_data(request)
    form = IncomingForm(data, initial={"token": once.new_token()})
    contact_form = IncomingContactForm(
        data,
        prefix="contact",
        initial={"received_at": timezone.now(), "channel": "email", "topic": "suspected_trafficking"},
    )
    if request.method == "POST" and form.is_valid() and contact_form.is_valid():
        incoming = services.incoming_receive(
            incoming=form.instance, contact=contact_form.instance, actor=request.user
        )
        audit.record(
            request=request, action="create", object_type="incoming_referral", object_ids=[incoming.pk],
            related=[("contact", incoming.contact_id)],
        )  # fmt: skip
        messages.success(request, _("The referral is received and logged as a contact."))
        return redirect("referrals:incoming", pk=incoming.pk)
    context = {"form": form, "contact_form": contact_form}
    return render(request, "referrals/incoming_new.html", context, status=400 if form.is_bound else 200)


@role_required(*HOTLINE_ROLES)
@require_http_methods(["GET", "POST"])
def incoming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incoming = get_incoming_for(request, pk)
    form = AcceptForm(form_data(request)) if incoming.status == IncomingStatus.RECEIVED else None
    if request.method == "POST" and form is not None and form.is_valid():
        case = None
        if form.cleaned_data["decision"] == "accept":
            number = form.cleaned_data["case_number"].strip()
            case = (
                find_case_for(request, number, Perm.CHANGE, details={"incoming_referral": incoming.pk})
                if number
                else None
            )
            if case is None:
                form.add_error("case_number", _("Enter the number of a case you may change."))
        if not form.errors:
            services.incoming_decide(incoming=incoming, actor=request.user, case=case)
            audit.record(
                request=request, action="update", object_type="incoming_referral", object_ids=[incoming.pk],
                related=[("case", case.pk)] if case else [], details={"status": incoming.status},
            )  # fmt: skip
            messages.success(request, _("The decision is recorded."))
            return redirect("referrals:incoming", pk=incoming.pk)
    status = 400 if form is not None and form.is_bound else 200
    return render(
        request, "referrals/incoming_detail.html", {"incoming": incoming, "form": form}, status=status
    )
