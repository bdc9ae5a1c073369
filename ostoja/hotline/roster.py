"""The duty roster: who is on duty, where the 24/7 cover has holes, swaps, private calendar feeds."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ostoja.accounts.roles import Role
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


@transaction.atomic
def shift_add(*, user, kind: str, starts_at: datetime, ends_at: datetime, created_by) -> Shift:
    _check_role(user, kind)
    # Serialises roster changes for this worker so two concurrent adds cannot both pass the overlap check.
    type(user).objects.select_for_update().filter(pk=user.pk).first()
    shift = Shift(user=user, kind=kind, starts_at=starts_at, ends_at=ends_at, created_by=created_by)
    shift.full_clean()
    shift.save()
    return shift


@transaction.atomic
def shift_remove(*, shift: Shift) -> None:
    shift.delete()


@transaction.atomic
def swap_offer(*, shift: Shift, offered_by, offered_to) -> ShiftSwap:
    if shift.user_id != offered_by.pk:
        raise ValidationError(_("Only the worker on the shift can offer it."))
    if shift.ends_at <= timezone.now():
        raise ValidationError(_("This shift is over."))
    if offered_to.pk == offered_by.pk:
        raise ValidationError({"offered_to": _("Choose a colleague.")})
    _check_role(offered_to, shift.kind)
    if ShiftSwap.objects.filter(shift=shift, status=codes.SwapStatus.PROPOSED).exists():
        raise ValidationError(_("This shift is already offered to someone."))
    return ShiftSwap.objects.create(shift=shift, offered_by=offered_by, offered_to=offered_to)


@transaction.atomic
def swap_decide(*, swap_id: int, user, accept: bool) -> ShiftSwap:
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
    return swap


@transaction.atomic
def feed_create(*, user) -> str:
    """A new private feed address secret for ``user``; any earlier one stops working.

    Returns the secret once: only its hash is stored, so it cannot be shown again.
    """
    feed_revoke(user=user)
    secret = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(user=user, token_hash=hash_secret(secret))
    return secret


@transaction.atomic
def feed_revoke(*, user) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def feed_user(secret: str):
    """The active account behind a feed secret, or None."""
    if not secret or len(secret) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=hash_secret(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return feed.user if feed else None


def roster_window(now: datetime | None = None) -> tuple[datetime, datetime]:
    now = now or timezone.now()
    start = now.replace(minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=GAP_DAYS)
