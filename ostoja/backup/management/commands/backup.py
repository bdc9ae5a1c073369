"""``ostoja backup FILE``: an encrypted, integrity-checked backup of the database, files and settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ostoja.backup import database, services


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Write an encrypted backup of the database (a consistent copy: SQLite's backup API, or pg_dump "
            "from one snapshot), the uploaded files and the settings that are not secrets to FILE. It is "
            "sealed with AES-256-GCM under a key derived from the current encryption key, which is never "
            "written into it: keep the keys apart from the backups. See docs/OPERATIONS.md."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("Where to write the backup (must not exist yet)."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = services.make(Path(options["file"]), out=self.stdout.write)
        except (services.Refused, database.DatabaseError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s: %(tables)d tables, %(rows)d rows, %(files)d files, %(size)d bytes."
                )
                % {
                    "path": done.path,
                    "tables": done.tables,
                    "rows": done.rows,
                    "files": done.files,
                    "size": done.size,
                }
            )
        )
