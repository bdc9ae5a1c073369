"""``ostoja restore FILE``: a backup back into an empty installation, then checked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ostoja.backup import services


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Restore a backup made by 'ostoja backup' into a new, empty installation (an empty database, "
            "or one where only 'ostoja migrate' has run, and an empty media directory) with the keys of "
            "the installation that made it. Nothing is changed if the file is altered or cut short, of an "
            "unknown format, made with keys this installation lacks, or if the installation is in use. "
            "Afterwards the rows of every table, the audit chain and a sample of encrypted records are "
            "checked. Stop the app servers and the worker first."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("The backup file."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = services.restore(Path(options["file"]), out=self.stdout.write)
        except services.Refused as error:
            raise CommandError(
                _("Restore refused, nothing was changed: %(reason)s") % {"reason": error}
            ) from None
        except services.Unverified as error:
            raise CommandError(
                _("The backup was restored but its checks failed; do not use this installation: %(problems)s")
                % {"problems": error}
            ) from None
        if done.settings_differ:
            self.stdout.write(
                _("Settings that differ from the installation that made the backup: %(names)s")
                % {"names": ", ".join(done.settings_differ)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored and checked: %(tables)d tables and %(rows)d rows as in the backup, %(events)d "
                    "audit events in an intact chain, %(sampled)d encrypted records opened, %(files)d files."
                )
                % {
                    "tables": done.tables,
                    "rows": done.rows,
                    "events": done.audit_events,
                    "sampled": done.sampled,
                    "files": done.files,
                }
            )
        )
