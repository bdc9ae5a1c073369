"""The access log (reads too), hash-chained and append-only, and break-glass grants.

Audit rows hold ids, codes, counts and field names only: never names, note text or any other value
of a protected field, because the log outlives every retention period and cannot be edited.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _

from ostoja import limits

# The shortest written reason a break-glass grant accepts (after surrounding whitespace is removed).
BREAK_GLASS_REASON_MIN_LENGTH = 15


class Action(models.TextChoices):
    """What was done. Reads (VIEW, LIST, SEARCH, EXPORT, REVEAL, PRINT, DOWNLOAD) are logged too, and so
    are refusals (DENY: a 403, or a look-up refused for being over the budget), so probing leaves a trace."""

    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    SEARCH = "search", _("Searched")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    MERGE = "merge", _("Merged")
    EXPORT = "export", _("Exported")
    PRINT = "print", _("Printed")
    DOWNLOAD = "download", _("Downloaded")
    REVEAL = "reveal", _("Revealed a hidden field")
    ERASE = "erase", _("Erased")
    BREAK_GLASS_START = "break_glass_start", _("Break-glass access started")
    BREAK_GLASS_END = "break_glass_end", _("Break-glass access ended")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_OUT = "sign_out", _("Signed out")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    DENY = "deny", _("Refused")


class AuditEvent(models.Model):
    """One thing someone did. Rows are only ever inserted: the database refuses UPDATE and DELETE.

    ``hash`` is the SHA-256 of the row's content and ``prev_hash`` (audit/chain.py). A row is
    written in the transaction of the work it describes without waiting for any other writer, so
    ``prev_hash`` is empty; its place in the hash chain is its ``AuditSeal``, written just after
    it commits. Rows written before sealing existed carry the chain in ``prev_hash`` themselves
    (and a seal with the same hashes).
    """

    at = models.DateTimeField(_("when"), db_index=True)
    # No database constraint and no cascade: the log must survive whatever happens to accounts.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=32)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    # Written only by audit.services.record, which checks them (a reason is at most 2,000 characters).
    reason = models.TextField(_("reason"), blank=True, editable=False)
    details = models.JSONField(_("details"), default=dict, blank=True, editable=False)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["action", "id"], name="audit_event_action_id"),
            models.Index(fields=["object_type", "id"], name="audit_event_type_id"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}"

    def details_text(self) -> str:
        """The details as compact JSON, for the audit viewer."""
        if not self.details:
            return ""
        return json.dumps(self.details, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


class AuditSeal(models.Model):
    """An event's link in the hash chain: the chain runs in ``position`` order.

    ``hash`` covers the event's content (its refs too) and ``prev_hash``, the hash of the seal
    before it, so changing or removing any sealed event, or any seal, breaks the chain at the next
    one (``ostoja audit verify``). Only the sealer writes seals, one at a time and briefly
    (audit/chain.py); like events they are append-only.
    """

    position = models.BigIntegerField(_("position in the chain"), primary_key=True)
    event = models.OneToOneField(AuditEvent, on_delete=models.PROTECT, related_name="seal")
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")

    def __str__(self) -> str:
        return f"{self.position}: #{self.event_id}"


class AuditUnsealed(models.Model):
    """An event written and not yet sealed: the sealer's queue, emptied as it seals.

    Not evidence in itself (``audit verify`` finds unsealed events from the events and seals),
    only what keeps the sealer from searching the whole log for them.
    """

    event = models.OneToOneField(AuditEvent, on_delete=models.CASCADE, primary_key=True, related_name="+")

    class Meta:
        verbose_name = _("audit event not yet sealed")
        verbose_name_plural = _("audit events not yet sealed")

    def __str__(self) -> str:
        return f"#{self.event_id}"


class AuditObject(models.Model):
    """Which record an event touched or showed; one row per record (a list shows many).

    The unique index leads with (object_type, object_id) so "who has seen this record" is an index
    range scan, newest event first. The refs are part of their event's hash.
    """

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="refs")
    object_type = models.CharField(_("record type"), max_length=32)
    object_id = models.BigIntegerField(_("record id"))

    class Meta:
        verbose_name = _("audited record")
        verbose_name_plural = _("audited records")
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_id", "event"], name="audit_object_type_id_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_type} #{self.object_id}"


class BreakGlassGrant(models.Model):
    """Time-limited access to one record outside one's team, given for a written reason.

    Unlike audit rows a grant is updated when it ends and when a supervisor reviews it (who, when,
    a comment); its start, end and review each write an audit event, which the record rests on.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="break_glass_grants",
    )
    object_type = models.CharField(_("record type"), max_length=32)
    object_id = models.BigIntegerField(_("record id"))
    # Checked by audit.services.clean_reason before it is written (at most 2,000 characters).
    reason = models.TextField(_("reason"), editable=False)
    started_at = models.DateTimeField(_("started"))
    expires_at = models.DateTimeField(_("expires"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=200, blank=True)
    start_event = models.ForeignKey(
        AuditEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_event = models.ForeignKey(
        AuditEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = limits.TextField(_("review comment"), max_length=limits.SHORT, blank=True)

    class Meta:
        verbose_name = _("break-glass grant")
        verbose_name_plural = _("break-glass grants")
        indexes = [
            models.Index(
                fields=["user", "object_type", "object_id"],
                condition=models.Q(ended_at__isnull=True),
                name="audit_grant_open_lookup",
            ),
            models.Index(
                fields=["started_at"],
                condition=models.Q(reviewed_at__isnull=True),
                name="audit_grant_unreviewed",
            ),
            models.Index(
                fields=["expires_at"],
                condition=models.Q(ended_at__isnull=True),
                name="audit_grant_open_expiry",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("reason"), BREAK_GLASS_REASON_MIN_LENGTH),
                name="audit_grant_reason_length",
            ),
            models.CheckConstraint(
                condition=GreaterThan(models.F("expires_at"), models.F("started_at")),
                name="audit_grant_expires_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.object_type} #{self.object_id}"
