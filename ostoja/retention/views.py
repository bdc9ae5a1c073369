"""The retention review list (supervisors) and a person's own copy."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ostoja import versions
from ostoja.accounts.access import role_required
from ostoja.accounts.roles import STAFF
from ostoja.audit import services as audit
from ostoja.http import form_data
from ostoja.paging import UncountedPaginator
from ostoja.retention import sar, schedule, services, tasks
from ostoja.retention.access import REVIEW_ROLES, get_copy_for, get_copy_person_for, get_item_for
from ostoja.retention.codes import OPEN_STATUSES, Action, CopyFormat, ItemStatus
from ostoja.retention.forms import CopyOrderForm, DecisionForm, HandOverForm
from ostoja.retention.models import RetentionItem, SubjectCopy
from ostoja.web import once

SHOWN = {"open": OPEN_STATUSES, "done": (ItemStatus.DONE, ItemStatus.GONE)}


def _named(items: list[RetentionItem]) -> list[dict]:
    """Each item with its kind and its record's name (one query per kind on the page)."""
    kinds = schedule.kinds()
    names: dict[tuple[str, int], str] = {}
    for code in {item.kind for item in items}:
        if code in kinds:
            ids = [item.object_id for item in items if item.kind == code]
            names.update({(code, pk): name for pk, name in kinds[code].names(ids).items()})
    return [
        {
            "item": item,
            "kind": kinds.get(item.kind),
            "name": names.get((item.kind, item.object_id), ""),
            "action": Action(kinds[item.kind].action).label if item.kind in kinds else "",
        }
        for item in items
    ]


def schedule_rows() -> list[dict]:
    return [
        {
            "kind": kind,
            "period": schedule.describe(schedule.period(kind)),
            "action": Action(kind.action).label,
        }
        for kind in schedule.kinds().values()
    ]


@role_required(*REVIEW_ROLES)
def review_list(request: HttpRequest) -> HttpResponse:
    """The records due, the earliest first (an index range: status, due date)."""
    shown = request.GET.get("show") if request.GET.get("show") in SHOWN else "open"
    items = RetentionItem.objects.filter(status__in=SHOWN[shown]).defer("note").order_by("due_on", "pk")
    page = UncountedPaginator(items, 50).get_page(request.GET.get("page"))
    rows = _named(list(page.object_list))
    if rows:
        audit.record(
            request=request,
            action="list",
            object_type="retention_item",
            object_ids=[r["item"].pk for r in rows],
        )
    late = timezone.localdate() - timezone.timedelta(days=settings.OSTOJA_RETENTION_REVIEW_DAYS)
    context = {"page": page, "rows": rows, "shown": shown, "schedule": schedule_rows(), "late": late}
    return render(request, "retention/review_list.html", context)


@role_required(*REVIEW_ROLES)
@require_http_methods(["GET", "POST"])
def review_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item_for(request, pk)
    row = _named([item])[0]
    form = DecisionForm(form_data(request), initial={"version": item.version})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.decide(
                    request=request, item=item, version=data["version"], decision=data["decision"],
                    until=data.get("until"), reason=data.get("reason") or "", note=data.get("note") or "",
                )  # fmt: skip
            except services.Refused as refusal:
                form.add_error(None, str(refusal))
                item.refresh_from_db()
            except versions.StaleVersion:
                item.refresh_from_db()
                form.add_error(
                    None,
                    _("Someone else decided on this record meanwhile. Look at its status and decide again."),
                )
                form.data = form.data.copy()
                form.data["version"] = str(item.version)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("retention:review_list")
    decidable = item.status in OPEN_STATUSES
    context = {"row": row, "item": item, "form": form, "decidable": decidable}
    return render(request, "retention/review_item.html", context, status=status)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@once.creates
def copies(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = get_copy_person_for(request, person_pk)
    spoken = [person.preferred_language, *(person.languages or [])]
    language = next((code for code in spoken if code in ("pl", "en")), "pl")
    form = CopyOrderForm(form_data(request), initial={"token": once.new_token(), "language": language})
    if request.method == "POST" and form.is_valid():
        copy = SubjectCopy.objects.create(
            person=person, language=form.cleaned_data["language"], ordered_by=request.user,
            expires_at=timezone.now() + timezone.timedelta(days=settings.OSTOJA_SUBJECT_COPY_DAYS),
        )  # fmt: skip
        audit.record(
            request=request, action="create", object_type="subject_copy", object_ids=[copy.pk],
            related=[("person", person.pk)], details={"language": copy.language},
        )  # fmt: skip
        tasks.build_copy.enqueue(copy.pk)  # stored with this request, run by the worker
        messages.success(request, _("The copy is being prepared. Come back to this page to download it."))
        return redirect("retention:copies", person_pk=person.pk)
    listed = list(
        SubjectCopy.objects.filter(person=person)
        .only("pk", "person_id", "language", "ordered_at", "status", "records", "expires_at")
        .order_by("-ordered_at")[:20]
    )
    for copy in listed:
        copy.hand_over = HandOverForm(auto_id=f"copy{copy.pk}_%s")  # type: ignore[attr-defined]
    context = {
        "person": person, "form": form, "copies": listed,
        "now": timezone.now(), "note": sar.language_note(person, form["language"].value() or language),
    }  # fmt: skip
    status = 400 if form.is_bound and request.method == "POST" else 200
    return render(request, "retention/copies.html", context, status=status)


@role_required(*STAFF)
@require_POST
def copy_download(request: HttpRequest, pk: int) -> HttpResponse:
    form = HandOverForm(form_data(request))
    if not form.is_valid():
        copy = SubjectCopy.objects.filter(pk=pk).only("person_id").first()
        messages.error(request, _("Choose why you download the copy."))
        return redirect("retention:copies", person_pk=copy.person_id) if copy else redirect("web:dashboard")
    purpose, kind = form.cleaned_data["purpose"], form.cleaned_data["file_format"]
    copy = get_copy_for(request, pk, purpose=purpose, file_format=kind)
    stamp = f"{copy.ordered_at:%Y%m%d}"
    if kind == CopyFormat.JSON:
        response = HttpResponse(copy.json.encode(), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(sar.decode(copy.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kopia-danych-{stamp}.{kind}"'
    return response
