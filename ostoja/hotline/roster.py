"""The duty roster: who is on duty, where the 24/7 cover has holes, swaps, private calendar feeds."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.accounts.roles import Role
from ostoja.audit import services as audit
from ostoja.audit.models import Action
from ostoja.hotline import codes
from ostoja.hotline.models import CalendarFeed, Shift, ShiftSwap, hash_secret

GAP_DAYS = 14
ROLE_FOR_KIND = {codes.ShiftKind.DUTY: Role.DUTY_WORKER, codes.ShiftKind.SUPERVISOR: Role.SUPERVISOR}


@dataclass(frozen=True)
class Gap:
    kind: str
    starts_at: datetime
    ends_at: datetime

    @property
    def kind_label(self) -> str:
        return str(dict(codes.ShiftKind.choices)[self.kind])

    @property
    def hours(self) -> float:
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 1)


def is_on_shift(user, at: datetime | None = None) -> bool:
    """A duty worker counts as on shift during their duty shift, or always where no roster is kept."""
    at = at or timezone.now()
    if not Shift.objects.filter(kind=codes.ShiftKind.DUTY).exists():
        return True
    return Shift.objects.covering(at).filter(user=user, kind=codes.ShiftKind.DUTY).exists()


def on_duty(at: datetime | None = None) -> dict[str, list]:
    """Who covers the moment ``at``: {"duty": [users], "supervisor": [users]} from one query."""
    at = at or timezone.now()
    found: dict[str, list] = {codes.ShiftKind.DUTY: [], codes.ShiftKind.SUPERVISOR: []}
    for shift in Shift.objects.covering(at).select_related("user").order_by("starts_at", "pk"):
        found[shift.kind].append(shift.user)
    return found


def gaps(start: datetime, end: datetime, shifts=None) -> list[Gap]:
    """Stretches between ``start`` and ``end`` that no shift of a kind covers, per kind.

    ``shifts`` may be given (already loaded for the roster page) to avoid a second query.
    """
    if shifts is None:
        shifts = list(Shift.objects.overlapping(start, end).order_by("starts_at"))
    found: list[Gap] = []
    for kind in codes.ShiftKind.values:
        covered_until = start
        for shift in sorted((s for s in shifts if s.kind == kind), key=lambda s: s.starts_at):
            if shift.starts_at > covered_until:
                found.append(Gap(kind, covered_until, min(shift.starts_at, end)))
            covered_until = max(covered_until, shift.ends_at)
            if covered_until >= end:
                break
        if covered_until < end:
            found.append(Gap(kind, covered_until, end))
    return sorted(found, key=lambda g: (g.starts_at, g.kind))


def _check_role(user, kind: str) -> None:
    if not user.is_active or not user.has_role(ROLE_FOR_KIND[kind]):
        raise ValidationError({"user": _("This colleague does not hold the role this shift needs.")})


def _audit_shift(request, action: str, shift: Shift, users, details: dict) -> None:
    """Roster changes decide who is on duty (and so who sees duty cards): each is on the audit log."""
    audit.record(
        request=request, action=action, object_type="shift", object_ids=[shift.pk],
        related=[("staff", pk) for pk in users if pk], details=details,
    )  # fmt: skip


def _shift_details(shift: Shift) -> dict:
    return {
        "kind": shift.kind,
        "starts_at": shift.starts_at.isoformat(),
        "ends_at": shift.ends_at.isoformat(),
        "worker": shift.user_id,
    }


@transaction.atomic
def shift_add(*, user, kind: str, starts_at: datetime, ends_at: datetime, created_by, request=None) -> Shift:
    _check_role(user, kind)
    # Serialises roster changes for this worker so two concurrent adds cannot both pass the overlap check.
    type(user).objects.select_for_update().filter(pk=user.pk).first()
    shift = Shift(user=user, kind=kind, starts_at=starts_at, ends_at=ends_at, created_by=created_by)
    shift.full_clean()
    shift.save()
    _audit_shift(request, Action.CREATE, shift, [user.pk], _shift_details(shift))
    return shift


@transaction.atomic
def shift_remove(*, shift: Shift, request=None) -> None:
    details = _shift_details(shift)
    pk = shift.pk
    shift.delete()
    shift.pk = pk
    _audit_shift(request, Action.DELETE, shift, [details["worker"]], details)


@transaction.atomic
def swap_offer(*, shift: Shift, offered_by, offered_to, request=None) -> ShiftSwap:
    if shift.user_id != offered_by.pk:
        raise ValidationError(_("Only the worker on the shift can offer it."))
    if shift.ends_at <= timezone.now():
        raise ValidationError(_("This shift is over."))
    if offered_to.pk == offered_by.pk:
        raise ValidationError({"offered_to": _("Choose a colleague.")})
    _check_role(offered_to, shift.kind)
    if ShiftSwap.objects.filter(shift=shift, status=codes.SwapStatus.PROPOSED).exists():
        raise ValidationError(_("This shift is already offered to someone."))
    swap = ShiftSwap.objects.create(shift=shift, offered_by=offered_by, offered_to=offered_to)
    _audit_shift(
        request, Action.UPDATE, shift, [offered_by.pk, offered_to.pk],
        {"swap": swap.pk, "swap_status": swap.status, "offered_to": offered_to.pk},
    )  # fmt: skip
    return swap


@transaction.atomic
def swap_decide(*, swap_id: int, user, accept: bool, request=None) -> ShiftSwap:
    """The colleague accepts (the shift becomes theirs) or declines; the offerer may cancel."""
    swap = ShiftSwap.objects.select_for_update().select_related("shift").get(pk=swap_id)
    if swap.status != codes.SwapStatus.PROPOSED:
        raise ValidationError(_("This offer has already been answered."))
    if user.pk == swap.offered_by_id and not accept:
        swap.status = codes.SwapStatus.CANCELLED
    elif user.pk != swap.offered_to_id:
        raise ValidationError(_("This offer was made to someone else."))
    elif accept:
        shift = Shift.objects.select_for_update().get(pk=swap.shift_id)
        if shift.user_id != swap.offered_by_id:
            raise ValidationError(_("The shift has changed hands since the offer."))
        _check_role(user, shift.kind)
        shift.user = user
        shift.full_clean()
        shift.save(update_fields=["user"])
        swap.status = codes.SwapStatus.ACCEPTED
    else:
        swap.status = codes.SwapStatus.DECLINED
    swap.decided_at = timezone.now()
    swap.save(update_fields=["status", "decided_at"])
    details = {"swap": swap.pk, "swap_status": swap.status}
    if swap.status == codes.SwapStatus.ACCEPTED:
        details["worker"] = user.pk
    _audit_shift(request, Action.UPDATE, swap.shift, [swap.offered_by_id, swap.offered_to_id], details)
    return swap


@transaction.atomic
def feed_create(*, user, request=None) -> str:
    """A new private feed address secret for ``user``; any earlier one stops working.

    Returns the secret once: only its hash is stored, so it cannot be shown again.
    """
    feed_revoke(user=user, request=request, why="replaced")
    secret = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(user=user, token_hash=hash_secret(secret))
    audit.record(
        request=request, actor=user, action=Action.CREATE, object_type="calendar_feed", object_ids=[feed.pk],
        related=[("staff", user.pk)],
    )  # fmt: skip
    return secret


@transaction.atomic
def feed_revoke(*, user, request=None, why: str = "switched off") -> int:
    """Stops every feed address of ``user``; ``why`` is a code for the audit row."""
    feeds = list(CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).values_list("pk", flat=True))
    if not feeds:
        return 0
    CalendarFeed.objects.filter(pk__in=feeds).update(revoked_at=timezone.now())
    audit.record(
        request=request, action=Action.UPDATE, object_type="calendar_feed", object_ids=feeds,
        related=[("staff", user.pk)], details={"revoked": why},
    )  # fmt: skip
    return len(feeds)


def revoke_feeds_of_deactivated(sender, *, user, request=None, **kwargs) -> None:
    """A deactivated account's feed addresses stop for good: reactivating it must not revive them."""
    feed_revoke(user=user, request=request, why="account deactivated")


def feed_for(secret: str) -> CalendarFeed | None:
    """The live feed (with its active account) behind a feed secret, or None."""
    if not secret or len(secret) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=hash_secret(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def feed_user(secret: str):
    """The active account behind a feed secret, or None."""
    feed = feed_for(secret)
    return feed.user if feed else None


@dataclass(frozen=True)
class Cell:
    """One kind of cover on one day of the grid: who covers which hours, and the hours nobody does."""

    shifts: list
    gaps: list


def grid(start: datetime, end: datetime, shifts, found_gaps: list[Gap]) -> list[tuple[date, list[Cell]]]:
    """The roster as a grid, a row per day and a column per kind of cover, for seeing gaps at a glance.

    The cells of a row follow ``codes.ShiftKind``. Each cell holds the shifts and gaps that touch the day, cut to it (``day_from`` and ``day_to``
    are set on each item, in the centre's time zone); built from what the page already loaded.
    """
    rows = []
    first = timezone.localtime(start).date()
    last = timezone.localtime(end - timedelta(seconds=1)).date()
    day = first
    while day <= last:
        day_start = timezone.make_aware(datetime.combine(day, time.min))
        day_end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
        cells = {}
        for kind in codes.ShiftKind.values:
            cells[kind] = Cell(
                shifts=[
                    _cut(s, day_start, day_end)
                    for s in shifts
                    if s.kind == kind and _touches(s, day_start, day_end)
                ],
                gaps=[
                    _cut(g, day_start, day_end)
                    for g in found_gaps
                    if g.kind == kind and _touches(g, day_start, day_end)
                ],
            )
        rows.append((day, [cells[kind] for kind in codes.ShiftKind.values]))
        day += timedelta(days=1)
    return rows


def _touches(item, day_start: datetime, day_end: datetime) -> bool:
    return item.starts_at < day_end and item.ends_at > day_start


def _cut(item, day_start: datetime, day_end: datetime):
    """The item with ``day_from`` / ``day_to``: its hours within the day ("00:00" and "24:00" at the edges)."""
    view = SimpleNamespace(item=item, user=getattr(item, "user", None))
    view.day_from = timezone.localtime(max(item.starts_at, day_start)).strftime("%H:%M")
    view.day_to = "24:00" if item.ends_at >= day_end else timezone.localtime(item.ends_at).strftime("%H:%M")
    return view


def roster_window(now: datetime | None = None) -> tuple[datetime, datetime]:
    now = now or timezone.now()
    start = now.replace(minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=GAP_DAYS)
