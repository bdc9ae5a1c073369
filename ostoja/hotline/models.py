"""Hotline records: contacts, interventions, the duty roster, meetings, telephony.

Field classes (see docs/ARCHITECTURE.md): the contact summary, what a web reporter wrote, the
caller's city, contact details, intervention notes and outcomes, meeting purpose, notes and
participants outside the staff, and phone numbers are encrypted. Codes used for statistics and
lists (channel, caller kind, language, country, topic, urgency, needs, times) are plain. Secrets
that let machines or calendars in (telephony tokens, feed tokens) are stored only as SHA-256 hashes.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ostoja import dates, limits
from ostoja.cases.models import Case
from ostoja.hotline import codes, warning_words
from ostoja.people.models import Person
from ostoja.vault.fields import EncryptedCharField, EncryptedTextField, SealedModel


def hash_secret(secret: str) -> str:
    """The stored form of a random secret (a token with 192 bits of entropy needs no slow hash)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ContactQuerySet(models.QuerySet):
    def untriaged(self) -> ContactQuerySet:
        return self.filter(triaged_at__isnull=True)

    def recent(self) -> ContactQuerySet:
        return self.order_by("-received_at", "-pk")


class Contact(SealedModel):
    """One call, letter, message or web report, anonymous or linked to a person and case."""

    vault_owner = ("person", "case.person")
    channel = models.CharField(_("channel"), max_length=16, choices=codes.Channel.choices)
    direction = models.CharField(
        _("direction"), max_length=3, choices=codes.Direction.choices, default=codes.Direction.INCOMING
    )
    caller_kind = models.CharField(
        _("who contacted us"),
        max_length=16,
        choices=codes.CallerKind.choices,
        default=codes.CallerKind.ANONYMOUS,
    )
    language = models.CharField(_("language"), max_length=8, choices=codes.LANGUAGES, default="pl")
    interpreter_used = models.BooleanField(_("interpreter used"), default=False)
    caller_country = models.CharField(
        _("country where the caller is (ISO 3166)"), max_length=2, blank=True, default="PL"
    )
    caller_city = EncryptedCharField(_("city or place"), max_length=200, blank=True)
    topic = models.CharField(
        _("topic"), max_length=24, choices=codes.Topic.choices, default=codes.Topic.OTHER
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=codes.Urgency.choices, default=codes.Urgency.ROUTINE
    )
    # A call's summary, or a letter, an e-mail or a web report as written (the public form takes 20,000).
    summary = EncryptedTextField(_("summary"), max_length=limits.NOTE, blank=True)
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    protocol_followed = models.BooleanField(_("safe-contact protocol followed"), default=False)

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="hotline_contacts"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="hotline_contacts"
    )

    source = models.CharField(
        _("source"), max_length=12, choices=codes.Source.choices, default=codes.Source.STAFF
    )
    # What a public-site reporter gave us besides the text: identifying, so encrypted.
    contact_details = EncryptedTextField(
        _("how to reach the reporter"), max_length=limits.INSTRUCTIONS, blank=True
    )
    safe_to_contact = EncryptedTextField(
        _("when and how it is safe to reply"), max_length=limits.INSTRUCTIONS, blank=True
    )
    reporter_kind = models.CharField(_("reporter said they are"), max_length=32, blank=True)
    # Sent while the public form was over its hourly cap for everyone: listed apart in triage.
    surge = models.BooleanField(_("arrived in a surge of web reports"), default=False)
    # Signs of urgency found in a web report's words (hotline/warning_words.py): a flag for the duty
    # worker, never the urgency itself.
    warning_signs = models.JSONField(
        _("possible signs of urgency"), default=list, blank=True, editable=False, validators=[limits.CODES]
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Triage is the one edit of a contact: two duty workers may open the same report at once.
    version = models.PositiveIntegerField(default=1)

    objects = ContactQuerySet.as_manager()

    # Whether the viewer may read what was said: set by the hotline's access helpers.
    full: bool

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="hotline_contact_recent"),
            models.Index(fields=["case", "-received_at"], name="hotline_contact_case"),
            models.Index(fields=["person", "-received_at"], name="hotline_contact_person"),
            # The triage queue: only untriaged rows are in this index, so it stays small at any scale.
            models.Index(
                fields=["received_at"], name="hotline_contact_triage", condition=Q(triaged_at__isnull=True)
            ),
        ]

    @property
    def name(self) -> str:
        """How people call this contact: its kind and time ("Phone call of 29.11.2026 02:40")."""
        return str(_("%(channel)s of %(when)s")) % {
            "channel": self.get_channel_display(),
            "when": dates.show(self.received_at),
        }

    @property
    def warning_labels(self) -> list[str]:
        return warning_words.labels(self.warning_signs or [])

    @property
    def reporter_kind_label(self) -> str:
        """What the web reporter said they are, in words ("Family or friend"), never the form's code."""
        if not self.reporter_kind:
            return ""
        labels = dict(codes.CallerKind.choices)
        return str(labels.get(self.reporter_kind, labels[codes.CallerKind.OTHER]))

    def __str__(self) -> str:
        return f"contact {self.pk}"

    @property
    def is_anonymous(self) -> bool:
        return self.person_id is None and self.case_id is None

    @property
    def abroad(self) -> bool:
        return bool(self.caller_country) and self.caller_country != "PL"

    def clean(self) -> None:
        if self.case_id and self.person_id and self.case.person_id != self.person_id:
            raise ValidationError({"case": _("This case belongs to another person.")})
        if self.case_id and not self.person_id:
            self.person_id = self.case.person_id
        if self.caller_country:
            self.caller_country = self.caller_country.upper()


class TranslationRequest(SealedModel):
    """A request to an interpreter to translate a contact (a web report in a language staff do not read).

    The interpreter is one from the centre's list, which the identification app keeps and offers
    through the plugin registry (``plugins.interpreters``); their id is kept, not a copy of their
    name. What is asked and the translation are encrypted like the report itself.
    """

    vault_owner = ("contact.person", "contact.case.person")

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="translations")
    language = models.CharField(_("language of the text"), max_length=8)
    interpreter_id = models.PositiveIntegerField(_("interpreter"), null=True, blank=True)
    note = EncryptedTextField(_("what is asked"), max_length=limits.INSTRUCTIONS, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=codes.TranslationStatus.choices,
        default=codes.TranslationStatus.ASKED,
    )
    translation = EncryptedTextField(_("translation"), max_length=limits.NOTE, blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    translated_at = models.DateTimeField(_("translated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("translation request")
        verbose_name_plural = _("translation requests")
        indexes = [models.Index(fields=["contact", "asked_at"], name="hotline_translation_contact")]

    def __str__(self) -> str:
        return f"translation {self.pk}"


class InterventionQuerySet(models.QuerySet):
    def live(self) -> InterventionQuerySet:
        return self.exclude(status=codes.InterventionStatus.CLOSED)

    def unassigned(self) -> InterventionQuerySet:
        return self.live().filter(handler__isnull=True)


def escalation_delay() -> timedelta:
    """How long an urgent intervention may wait for someone to take it before it is escalated."""
    return timedelta(minutes=getattr(settings, "OSTOJA_ESCALATION_MINUTES", 15))


class Intervention(SealedModel):
    """What an urgent contact needs now, who is handling it, and how it ended."""

    vault_owner = ("contact.person", "contact.case.person")
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="intervention")
    needs = models.JSONField(_("needed now"), default=list, blank=True, validators=[limits.CODES])
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hotline_interventions",
        verbose_name=_("handled by"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=codes.InterventionStatus.choices,
        default=codes.InterventionStatus.OPEN,
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=codes.Outcome.choices, blank=True)
    outcome_note = EncryptedTextField(
        _("what happened in the end"), max_length=limits.INSTRUCTIONS, blank=True
    )
    version = models.PositiveIntegerField(default=1)

    objects = InterventionQuerySet.as_manager()

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        indexes = [
            # The board and the escalation sweep read only live rows.
            models.Index(
                fields=["opened_at"],
                name="hotline_intervention_live",
                condition=~Q(status="closed"),
            ),
        ]

    def __str__(self) -> str:
        return f"intervention {self.pk}"

    @property
    def name(self) -> str:
        """How people call this intervention: by when it was opened, never by its id."""
        return str(_("Intervention of %(when)s")) % {"when": dates.show(self.opened_at)}

    @property
    def need_labels(self) -> list[str]:
        labels = dict(codes.Need.choices)
        return [str(labels.get(n, n)) for n in self.needs or []]

    @property
    def is_closed(self) -> bool:
        return self.status == codes.InterventionStatus.CLOSED

    def is_overdue(self, now=None) -> bool:
        """Still nobody's after the escalation time."""
        now = now or timezone.now()
        return (
            not self.is_closed
            and self.handler_id is None
            and dates.plus(self.opened_at, escalation_delay()) <= now
        )


class InterventionAction(SealedModel):
    """One entry in the intervention's log: what was done and when."""

    vault_owner = ("intervention.contact.person", "intervention.contact.case.person")
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="actions")
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = EncryptedTextField(_("what was done"), max_length=limits.ACCOUNT)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["intervention", "at"], name="hotline_action_when")]

    def __str__(self) -> str:
        return f"action {self.pk}"


class ShiftQuerySet(models.QuerySet):
    def covering(self, at) -> ShiftQuerySet:
        return self.filter(starts_at__lte=at, ends_at__gt=at)

    def overlapping(self, start, end) -> ShiftQuerySet:
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class Shift(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hotline_shifts",
        verbose_name=_("worker"),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=codes.ShiftKind.choices, default=codes.ShiftKind.DUTY
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["starts_at", "ends_at"], name="hotline_shift_when"),
            models.Index(fields=["user", "starts_at"], name="hotline_shift_user"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="hotline_shift_order")
        ]

    def __str__(self) -> str:
        return f"shift {self.pk}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                raise ValidationError({"ends_at": _("A shift must end after it starts.")})
            if self.ends_at - self.starts_at > timedelta(hours=24):
                raise ValidationError({"ends_at": _("A shift lasts at most 24 hours.")})
            if self.user_id:
                clash = Shift.objects.overlapping(self.starts_at, self.ends_at).filter(user_id=self.user_id)
                if self.pk:
                    clash = clash.exclude(pk=self.pk)
                if clash.exists():
                    raise ValidationError(_("This worker already has a shift at that time."))


class ShiftSwap(models.Model):
    """A worker offers a shift to a colleague; it changes hands only when the colleague accepts."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="swaps")
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    offered_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="hotline_swap_offers",
        verbose_name=_("colleague"),
    )
    status = models.CharField(
        max_length=12, choices=codes.SwapStatus.choices, default=codes.SwapStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["offered_to", "status"], name="hotline_swap_to")]
        constraints = [
            models.UniqueConstraint(
                fields=["shift"], condition=Q(status="proposed"), name="hotline_swap_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"swap {self.pk}"


class CalendarFeed(models.Model):
    """A private iCalendar address for one worker; only a hash of its secret is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hotline_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "revoked_at"], name="hotline_feed_user")]

    def __str__(self) -> str:
        return f"feed {self.pk}"


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None) -> MeetingQuerySet:
        return self.filter(starts_at__gte=now or timezone.now(), status=codes.MeetingStatus.PLANNED).order_by(
            "starts_at", "pk"
        )


class Meeting(SealedModel):
    """A meeting with a person, always scheduled by staff for a case.

    The place is a kind, plus an optional note for an office or neutral place; a shelter's address
    is never written here (it lives only where the shelter is managed).
    """

    vault_owner = ("case.person",)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="hotline_meetings", verbose_name=_("case")
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    place_kind = models.CharField(_("kind of place"), max_length=12, choices=codes.PlaceKind.choices)
    place_note = EncryptedCharField(_("where exactly (not for shelters)"), max_length=300, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="hotline_meetings", verbose_name=_("staff taking part")
    )
    other_participants = EncryptedTextField(_("other participants"), max_length=limits.SHORT, blank=True)
    interpreter_language = models.CharField(
        _("interpreter for"), max_length=8, choices=codes.LANGUAGES, blank=True
    )
    purpose = EncryptedTextField(_("purpose"), max_length=limits.SHORT)
    safety_check_done = models.BooleanField(_("safety check done"), default=False)
    safety_notes = EncryptedTextField(_("safety check notes"), max_length=limits.INSTRUCTIONS, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=codes.MeetingStatus.choices, default=codes.MeetingStatus.PLANNED
    )
    outcome = EncryptedTextField(_("outcome"), max_length=limits.ACCOUNT, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["case", "starts_at"], name="hotline_meeting_case"),
            models.Index(fields=["starts_at"], name="hotline_meeting_when"),
        ]

    def __str__(self) -> str:
        return f"meeting {self.pk}"

    @property
    def ends_at(self):
        return dates.plus(self.starts_at, timedelta(minutes=self.duration_minutes))

    def clean(self) -> None:
        if self.place_kind == codes.PlaceKind.SHELTER and self.place_note:
            raise ValidationError(
                {"place_note": _("Do not write where a shelter is. Choose the kind of place only.")}
            )
        if self.duration_minutes is not None and not 5 <= self.duration_minutes <= 600:
            raise ValidationError({"duration_minutes": _("A meeting lasts between 5 and 600 minutes.")})


class TelephonyToken(models.Model):
    """A key for the telephone system's calls to the API; only a hash is kept."""

    name = models.CharField(pgettext_lazy("telephony key", "name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    service_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class CallEvent(SealedModel):
    """A call reported by the telephone system, waiting for the duty worker to log a contact."""

    vault_owner = ("person", "contact.person", "contact.case.person")
    token = models.ForeignKey(TelephonyToken, on_delete=models.PROTECT, related_name="events")
    number = EncryptedCharField(_("number"), max_length=64, blank=True)
    occurred_at = models.DateTimeField(_("time of the call"))
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), default=0)
    direction = models.CharField(_("direction"), max_length=10, choices=codes.CallDirection.choices)
    line = models.CharField(_("line"), max_length=32, blank=True)
    match = models.CharField(_("match"), max_length=10, choices=codes.CallMatch.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(
        max_length=10, choices=codes.CallStatus.choices, default=codes.CallStatus.PENDING
    )
    contact = models.OneToOneField(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="call_event"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["occurred_at"], name="hotline_call_pending", condition=Q(status="pending")),
        ]

    def __str__(self) -> str:
        return f"call {self.pk}"
