"""Places the centre can put a person up (shelters, safe flats, partner hostels) and the person's stays there.

A place's address is the most dangerous value in the system: a trafficker who finds it can take a
person back. It lives in a row of its own (``PlaceAddress``), encrypted, so that loading a place —
for a list, a form, a timeline entry, the audit log's names — never decrypts it; the one reader is
``shelter.access.reveal_address_for``, which writes the audit row first.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ostoja import limits
from ostoja.accounts.roles import Role
from ostoja.cases.models import Case
from ostoja.shelter.codes import EndReason, PlaceKind, StayKind
from ostoja.vault.fields import EncryptedTextField, SealedModel


def default_placing_roles() -> list[str]:
    return [Role.CASE_MANAGER.value, Role.SUPERVISOR.value]


class Place(models.Model):
    """A shelter, safe flat or partner hostel, known to staff by a name that does not say where it is."""

    name = models.CharField(
        pgettext_lazy("place to stay", "name"), max_length=limits.LINE, unique=True,
        help_text=_("A name staff know it by that does not give away where it is (e.g. “Safe flat A”)."),
    )  # fmt: skip
    kind = models.CharField(_("kind of place"), max_length=20, choices=PlaceKind.choices)
    capacity = models.PositiveSmallIntegerField(
        _("places (beds)"), validators=[MinValueValidator(1)], help_text=_("How many people can sleep there.")
    )
    placing_roles = models.JSONField(
        _("roles that may place people here"),
        default=default_placing_roles,
        blank=True,
        validators=[limits.CODES],
    )
    placers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("and these people, whatever their role")
    )  # fmt: skip
    active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("place to stay")
        verbose_name_plural = _("places to stay")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PlaceAddress(SealedModel):
    """The secret address of a place: encrypted, read only through the audited reveal."""

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="+")
    address = EncryptedTextField(_("address"), max_length=limits.SHORT)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("address of a place")
        verbose_name_plural = _("addresses of places")

    def __str__(self) -> str:  # never the address itself
        return str(_("address of a place"))


class PlacementQuerySet(models.QuerySet):
    def on_night(self, day: dt.date) -> PlacementQuerySet:
        """Stays that include the night after ``day`` (a stay ends on the morning of ``end_on``)."""
        return self.filter(Q(end_on__isnull=True) | Q(end_on__gt=day), start_on__lte=day)

    def overlapping(self, start: dt.date, end: dt.date | None) -> PlacementQuerySet:
        """Stays sharing at least one night with ``start``..``end`` (``end`` None: open-ended)."""
        rows = self.filter(Q(end_on__isnull=True) | Q(end_on__gt=start))
        return rows if end is None else rows.filter(start_on__lt=end)


class Placement(models.Model):
    """A stay of the person of a case at a place: from the first night to the morning they leave."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placements")
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="placements", verbose_name=_("place")
    )
    kind = models.CharField(_("kind of stay"), max_length=20, choices=StayKind.choices)
    start_on = models.DateField(_("first night"))
    end_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_("The day the person leaves; empty while the stay goes on."),
    )
    end_reason = models.CharField(
        _("why the stay ended"), max_length=20, choices=EndReason.choices, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        indexes = [
            models.Index(fields=["case", "-start_on"], name="shelter_placement_case"),
            # Occupancy: a place's stays that have not ended.
            models.Index(fields=["place", "end_on"], name="shelter_placement_place"),
            # The statistics count a period's stays by kind.
            models.Index(fields=["start_on", "kind"], name="shelter_placement_day"),
            # ... and the stays ended in it, by reason.
            models.Index(fields=["end_on", "end_reason"], name="shelter_placement_ended"),
        ]

    def __str__(self) -> str:
        return f"{self.place} ({self.case})"

    def current(self, day: dt.date) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on > day)
