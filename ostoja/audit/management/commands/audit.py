"""``ostoja audit verify|checkpoint|new-checkpoint-key|close-expired-grants``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ostoja import dates
from ostoja.audit import chain, checkpoint, services, triggers

VERIFY = "verify"
CHECKPOINT = "checkpoint"
NEW_KEY = "new-checkpoint-key"
CLOSE_EXPIRED_GRANTS = "close-expired-grants"


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # Read when the parser is built, so it follows the language active at that moment.
        return _(
            "verify: walk every audit event in order and recompute the hash chain; exit 1 at the "
            "first broken row; with --checkpoint, also check the log still holds the latest signed "
            "checkpoint given. checkpoint: sign the head of a sound chain and write it to "
            "OSTOJA_AUDIT_CHECKPOINT_DIR and/or mail it to OSTOJA_AUDIT_CHECKPOINT_EMAIL. "
            "new-checkpoint-key PATH: make an Ed25519 key pair for checkpoints. "
            "close-expired-grants: end every expired break-glass grant still open."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=[VERIFY, CHECKPOINT, NEW_KEY, CLOSE_EXPIRED_GRANTS])
        parser.add_argument(
            "path", nargs="?", default="", help=_("new-checkpoint-key: where to write the key.")
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("Database alias to use."))
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="FILE",
            help=_("A checkpoint file, or a directory of them; may be repeated. The newest is used."),
        )
        parser.add_argument(
            "--public-key",
            default="",
            metavar="FILE",
            help=_(
                "The checkpoint public key (PEM); by default derived from OSTOJA_AUDIT_CHECKPOINT_KEY_FILE."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options["subcommand"]
        try:
            if subcommand == VERIFY:
                self.verify(options)
            elif subcommand == CHECKPOINT:
                self.checkpoint(options["database"])
            elif subcommand == NEW_KEY:
                self.new_key(options["path"])
            else:
                ended = services.close_expired_grants()
                self.stdout.write(_("Expired break-glass grants ended: %(count)d.") % {"count": ended})
        except checkpoint.CheckpointError as error:
            raise CommandError(str(error)) from error

    def verify(self, options: dict[str, Any]) -> None:
        database, verbosity = options["database"], options["verbosity"]
        expected = None
        if options["checkpoint"]:
            public_key = checkpoint.load_public_key(
                Path(options["public_key"]) if options["public_key"] else None
            )
            expected = checkpoint.latest([Path(p) for p in options["checkpoint"]], public_key)
            if expected is None:
                raise CommandError(
                    _("No checkpoint found in %(paths)s.") % {"paths": ", ".join(options["checkpoint"])}
                )
        report = checkpoint.verify(expected, using=database) if expected else chain.verify(using=database)
        if not report.intact:
            moment = dates.local(report.broken_at)  # None for a time no calendar can hold: a tampered row
            at = formats.date_format(moment, "Y-m-d H:i:s T") if moment else dates.invalid_text()
            if report.problem == "hash":
                problem = _("hash mismatch (the row was changed)")
            else:
                problem = _("previous-hash mismatch (a row before it was removed or changed)")
            raise CommandError(
                _("Audit chain broken at event #%(id)d (%(at)s): %(problem)s.")
                % {"id": report.broken_event_id, "at": at, "problem": problem}
            )
        if expected is not None and report.anchor != chain.ANCHOR_MATCHED:
            raise CommandError(checkpoint.describe_mismatch(report, expected))
        missing = triggers.missing(connections[database])
        if missing:
            raise CommandError(
                _("Audit chain intact, but the audit tables are not protected: missing triggers %(names)s.")
                % {"names": ", ".join(missing)}
            )
        self.stdout.write(
            _("Audit chain intact: %(count)d events.") % {"count": report.checked + report.unsealed}
        )
        if report.unsealed:
            self.stdout.write(
                _(
                    "%(count)d of them are written and not sealed into the chain yet, each checked by its "
                    "own hash; 'ostoja housekeeping --job audit_seal' seals them."
                )
                % {"count": report.unsealed}
            )
        if expected is not None:
            self.stdout.write(
                _("It holds the checkpoint made at %(made)s (%(count)d events, newest #%(id)d).")
                % {
                    "made": formats.date_format(timezone.localtime(expected.made_at), "Y-m-d H:i:s T"),
                    "count": expected.events,
                    "id": expected.last_event_id,
                }
            )
        if verbosity >= 2:
            self.stdout.write(_("Last hash: %(hash)s") % {"hash": report.last_hash})

    def checkpoint(self, database: str) -> None:
        directory = getattr(settings, "OSTOJA_AUDIT_CHECKPOINT_DIR", "")
        recipients = list(getattr(settings, "OSTOJA_AUDIT_CHECKPOINT_EMAIL", []))
        if not directory and not recipients:
            raise CommandError(
                _(
                    "Nowhere to put the checkpoint: set OSTOJA_AUDIT_CHECKPOINT_DIR and/or "
                    "OSTOJA_AUDIT_CHECKPOINT_EMAIL."
                )
            )
        previous = None
        if directory and Path(directory).is_dir():
            previous = checkpoint.latest([Path(directory)], checkpoint.private_key().public_key())
        made = checkpoint.make(previous=previous, using=database)
        if directory:
            path = checkpoint.write(made, Path(directory))
            self.stdout.write(_("Checkpoint written: %(path)s") % {"path": path})
        if recipients:
            checkpoint.send(made, recipients)
            self.stdout.write(_("Checkpoint mailed to %(to)s.") % {"to": ", ".join(recipients)})
        self.stdout.write(
            _("Events: %(count)d; newest #%(id)d; head hash %(hash)s.")
            % {"count": made.events, "id": made.last_event_id, "hash": made.head_hash}
        )

    def new_key(self, path: str) -> None:
        if not path:
            raise CommandError(_("Give the path of the new key file."))
        public = checkpoint.write_new_key(Path(path))
        self.stdout.write(
            _(
                "Private key written to %(path)s (readable by its owner only); public key to %(path)s.pub. Key id: %(id)s."
            )
            % {"path": path, "id": checkpoint.key_id(public)}
        )
