"""Referrals of a case to a partner, and consultations the centre gives other organisations.

A referral carries exactly the items the worker chose to share (at least nothing) and the consent
that allows them; without one, only a supervisor's emergency override with its reason. The
summary written for the partner and the partner's feedback are encrypted; the codes, the statuses
and their dates are plain, for lists and statistics.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ostoja import limits
from ostoja.cases.models import Case
from ostoja.consent.models import Consent
from ostoja.partners.models import Organisation, Service
from ostoja.vault.fields import EncryptedTextField, SealedModel


class Status(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", pgettext_lazy("referral", "Completed")
    STOPPED = "stopped", _("Stopped: consent withdrawn")


# Where each status may go next.
NEXT: dict[str, tuple[str, ...]] = {
    Status.DRAFTED: (Status.SENT,),
    Status.SENT: (Status.ACCEPTED, Status.DECLINED),
    Status.ACCEPTED: (Status.COMPLETED,),
    Status.DECLINED: (),
    Status.COMPLETED: (),
    Status.STOPPED: (),
}
OPEN = (Status.DRAFTED, Status.SENT, Status.ACCEPTED)


class Referral(SealedModel):
    vault_owner = ("case.person",)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    partner = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Service.choices)
    items = models.JSONField(_("what is shared"), default=list, blank=True, validators=[limits.CODES])
    situation = EncryptedTextField(
        _("summary of the situation for the partner"), max_length=limits.INSTRUCTIONS, blank=True
    )
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    override_reason = EncryptedTextField(
        _("reason for sharing without consent"), max_length=limits.SHORT, blank=True
    )
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    letter_language = models.CharField(_("language of the letter"), max_length=8)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFTED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("drafted"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(
        pgettext_lazy("referral", "completed"), null=True, blank=True, editable=False
    )
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True, editable=False)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    feedback = EncryptedTextField(_("the partner's feedback"), max_length=limits.INSTRUCTIONS, blank=True)
    # A service of the case's support plan (kept by another app, see ``plugins.SupportServices``).
    service_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["case", "created_at"], name="referrals_case_recent"),
            models.Index(fields=["status", "follow_up_on"], name="referrals_follow_up"),
            # The statistics count a period's referrals sent.
            models.Index(fields=["sent_at"], name="referrals_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} → {self.partner}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def next_statuses(self) -> tuple[str, ...]:
        return NEXT[self.status]


class ConsultationTopic(models.TextChoices):
    IDENTIFICATION = "identification", _("Identifying a victim")
    SUPPORT = "support", _("Support and services for a victim")
    LEGAL = "legal", _("Legal questions")
    RETURN = "return", _("Return and reintegration")
    LABOUR = "labour", _("Labour exploitation")
    TRAINING = "training", _("Training and prevention")
    OTHER = "other", pgettext_lazy("consultation topic", "Other")


class Consultation(SealedModel):
    """Advice the centre gives an institution or NGO; its own kind of record, never a person's case."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    organisation_name = models.CharField(
        _("organisation (not in the directory)"), max_length=limits.LINE, blank=True
    )
    asked_by = models.CharField(
        _("who asked"), max_length=200, help_text=_("Name and role of the person who asked.")
    )
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=20, choices=ConsultationTopic.choices)
    question = EncryptedTextField(
        _("question"), max_length=limits.ACCOUNT,
        help_text=_("No personal data of a victim unless it is needed and the person consented."),
    )  # fmt: skip
    advice = EncryptedTextField(_("advice given"), max_length=limits.ACCOUNT)
    minutes = models.PositiveIntegerField(_("time spent (minutes)"))
    follow_up = EncryptedTextField(_("follow-up"), max_length=limits.SHORT, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [models.Index(fields=["held_on", "topic"], name="referrals_consultation_day")]

    def __str__(self) -> str:
        return f"{self.held_on} — {self.organisation or self.organisation_name}"


class IncomingStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted: a case is open")
    DECLINED = "declined", _("Declined")


class IncomingReferral(models.Model):
    """A partner refers a person to the centre: it starts a hotline contact and, accepted, a case.

    What the partner said is the contact's summary (the hotline's record, under its access rules);
    this record keeps who referred and what became of it, in plain columns.
    """

    partner = models.ForeignKey(
        Organisation, verbose_name=_("referring organisation"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    organisation_name = models.CharField(
        _("referring organisation (not in the directory)"), max_length=limits.LINE, blank=True
    )
    referred_by = models.CharField(
        _("who referred"), max_length=200, help_text=_("Name and role of the person at the organisation.")
    )
    contact = models.OneToOneField(
        "hotline.Contact", on_delete=models.PROTECT, related_name="incoming_referral"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IncomingStatus.choices, default=IncomingStatus.RECEIVED
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="incoming_referrals"
    )
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("incoming referral")
        verbose_name_plural = _("incoming referrals")
        indexes = [models.Index(fields=["status", "received_at"], name="referrals_incoming_open")]

    def __str__(self) -> str:
        return str(self.referring)

    @property
    def referring(self) -> str:
        return str(self.partner) if self.partner_id else self.organisation_name
