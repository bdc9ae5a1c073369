"""``manage.py audit verify`` and ``manage.py audit close-expired-grants``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ostoja.audit import chain, services, triggers

VERIFY = "verify"
CLOSE_EXPIRED_GRANTS = "close-expired-grants"


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # Read when the parser is built, so it follows the language active at that moment.
        return _(
            "verify: walk every audit event in order and recompute the hash chain; exit 1 at the "
            "first broken row. close-expired-grants: end every expired break-glass grant still open."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=[VERIFY, CLOSE_EXPIRED_GRANTS])
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("Database alias to use."))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == VERIFY:
            self.verify(options["database"], options["verbosity"])
        else:
            ended = services.close_expired_grants()
            self.stdout.write(_("Expired break-glass grants ended: %(count)d.") % {"count": ended})

    def verify(self, database: str, verbosity: int) -> None:
        report = chain.verify(using=database)
        if not report.intact:
            at = formats.date_format(timezone.localtime(report.broken_at), "Y-m-d H:i:s T")
            if report.problem == "hash":
                problem = _("hash mismatch (the row was changed)")
            else:
                problem = _("previous-hash mismatch (a row before it was removed or changed)")
            raise CommandError(
                _("Audit chain broken at event #%(id)d (%(at)s): %(problem)s.")
                % {"id": report.broken_event_id, "at": at, "problem": problem}
            )
        missing = triggers.missing(connections[database])
        if missing:
            raise CommandError(
                _("Audit chain intact, but the audit tables are not protected: missing triggers %(names)s.")
                % {"names": ", ".join(missing)}
            )
        self.stdout.write(_("Audit chain intact: %(count)d events.") % {"count": report.checked})
        if verbosity >= 2:
            self.stdout.write(_("Last hash: %(hash)s") % {"hash": report.last_hash})
