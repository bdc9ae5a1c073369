"""The audit viewer (administrators and supervisors) and ending a break-glass grant."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ostoja.accounts.access import role_required
from ostoja.accounts.roles import Role
from ostoja.audit import naming, services
from ostoja.audit.access import get_grant_for, get_grant_to_review
from ostoja.audit.forms import AuditFilterForm, ReviewForm
from ostoja.audit.models import Action, AuditEvent, AuditObject

PAGE_SIZE = 50
# How many audited records each row of the viewer names; the rest are counted.
REFS_SHOWN = 10
CURSOR_KEYS = ("before", "after")


@dataclass
class Page:
    """One page of the log, newest first, with keyset cursors (no COUNT over millions of rows)."""

    events: list[AuditEvent] = field(default_factory=list)
    newer_query: str = ""
    older_query: str = ""


def _cursor(value: str | None) -> int | None:
    if value and value.isdigit() and len(value) < 20:
        return int(value)
    return None


def _with_cursor(params: QueryDict, key: str, value: int) -> str:
    query = params.copy()
    for name in CURSOR_KEYS:
        query.pop(name, None)
    query[key] = str(value)
    return query.urlencode()


def _page(events: QuerySet[AuditEvent], params: QueryDict) -> Page:
    before, after = _cursor(params.get("before")), _cursor(params.get("after"))
    if after is not None:
        rows = list(events.filter(pk__gt=after).order_by("id")[: PAGE_SIZE + 1])
        has_newer = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        rows.reverse()
        has_older = bool(rows) and events.filter(pk__lt=rows[-1].pk).exists()
    else:
        if before is not None:
            events = events.filter(pk__lt=before)
        rows = list(events.order_by("-id")[: PAGE_SIZE + 1])
        has_older = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE]
        has_newer = before is not None
    return Page(
        events=rows,
        newer_query=_with_cursor(params, "after", rows[0].pk) if rows and has_newer else "",
        older_query=_with_cursor(params, "before", rows[-1].pk) if rows and has_older else "",
    )


def _events_for_display() -> QuerySet[AuditEvent]:
    first_refs = AuditObject.objects.order_by("object_type", "object_id")[:REFS_SHOWN]
    ref_count = (
        AuditObject.objects.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return AuditEvent.objects.annotate(ref_count=Subquery(ref_count)).prefetch_related(
        Prefetch("refs", queryset=first_refs, to_attr="first_refs")
    )


@role_required(Role.ADMINISTRATOR, Role.SUPERVISOR)
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    """The audit log, filtered and paged. Looking at it is itself logged (LIST of "audit")."""
    params = request.GET
    bound = any(params.get(name) for name in AuditFilterForm.base_fields)
    form = AuditFilterForm(params if bound else None)
    if bound and not form.is_valid():
        page = Page()
        used: list[str] = []
    else:
        events = form.apply(_events_for_display()) if bound else _events_for_display()
        page = _page(events, params)
        naming.name_events(page.events)
        used = form.used_filters() if bound else []
    services.record(
        request=request,
        action=Action.LIST,
        object_type="audit",
        details={"filters": used, "shown": len(page.events), "invalid": bound and bool(form.errors)},
    )
    return render(request, "audit/log.html", {"form": form, "page": page, "refs_shown": REFS_SHOWN})


def _safe_next(request: HttpRequest) -> str | None:
    candidate = request.POST.get("next", "")
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}
    ):
        return candidate
    return None


@require_POST
def break_glass_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Ends a break-glass grant early: its holder ends their own, a supervisor may end anyone's."""
    grant = get_grant_for(request, pk)
    own = grant.user_id == request.user.pk
    if grant.ended_at is None:
        services.break_glass_end(
            grant=grant, reason=services.END_BY_HOLDER if own else services.END_REVOKED, request=request
        )
        messages.success(request, _("The break-glass access has ended."))
    return redirect(_safe_next(request) or "web:dashboard")


@require_POST
def break_glass_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A supervisor marks a colleague's break-glass grant reviewed, with a comment."""
    grant = get_grant_to_review(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["comment"]))
    elif services.break_glass_review(grant=grant, request=request, comment=form.cleaned_data["comment"]):
        messages.success(request, _("The break-glass access is reviewed."))
    return redirect(_safe_next(request) or "web:dashboard")
