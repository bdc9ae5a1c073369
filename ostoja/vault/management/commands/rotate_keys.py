"""``ostoja rotate-keys``: move every encrypted value to the current encryption key."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ostoja.vault import personkeys
from ostoja.vault.crypto import DecryptionError, current_key_id
from ostoja.vault.rotation import DEFAULT_BATCH_SIZE, rotate_each


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # Read when the parser is built, so it follows the language active at that moment.
        return _(
            "Re-encrypt every stored value that is not under the current encryption key. To rotate: "
            "(1) generate a new key and put it FIRST in OSTOJA_ENCRYPTION_KEYS, keeping every old key "
            "after it (e.g. 'k2:<new>,k1:<old>'), and restart every app server and worker, which then "
            "encrypt new values with it and still read the old ones; (2) run this command, with --dry-run first if "
            "you like, which also proves that every old value opens; (3) when it reports no values left "
            "(a second run shows 0), remove the old keys from OSTOJA_ENCRYPTION_KEYS and restart. "
            "Keep a copy of an old key until the backups made before the rotation have expired. "
            "The run is safe to interrupt and repeat. Each person's own data key (in "
            "OSTOJA_PERSON_KEYS_DIR) is rewrapped under the new key; their data is not re-encrypted."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Count (and test-decrypt) the values that would be re-encrypted; change nothing."),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=_("Rows per transaction (default %(default)s).") % {"default": DEFAULT_BATCH_SIZE},
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        batch_size: int = options["batch_size"]
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        current = current_key_id()
        self.stdout.write(_("Current key: %(key)s.") % {"key": current})
        if dry_run:
            line = _("%(model)s: %(values)d values would be re-encrypted in %(rows)d rows")
        else:
            line = _("%(model)s: %(values)d values re-encrypted in %(rows)d rows")
        total_values = total_rows = 0
        try:
            for result in rotate_each(batch_size=batch_size, dry_run=dry_run):
                total_values += result.values
                total_rows += result.rows
                self.stdout.write(
                    line % {"model": result.label, "values": result.values, "rows": result.rows}
                )
            rewrapped = personkeys.rewrap_all(dry_run=dry_run)
            if dry_run:
                self.stdout.write(_("Persons' keys: %(count)d would be rewrapped") % {"count": rewrapped})
            else:
                self.stdout.write(_("Persons' keys: %(count)d rewrapped") % {"count": rewrapped})
        except DecryptionError as exc:
            raise CommandError(
                _("Stopped: %(problem)s Is the key that sealed it still in OSTOJA_ENCRYPTION_KEYS?")
                % {"problem": exc}
            ) from exc
        self.stdout.write(
            _("Total: %(values)d values in %(rows)d rows.") % {"values": total_values, "rows": total_rows}
        )
        if not dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Every value is now under key %(key)s; the older keys can be removed.")
                    % {"key": current}
                )
            )
